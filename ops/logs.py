"""Log formatting: one line per event, so log shippers never split a record."""

import logging


class OneLineFormatter(logging.Formatter):
    """The standard format, with newlines in messages and tracebacks escaped as \\n."""

    def format(self, record):
        return super().format(record).replace("\r", "").replace("\n", "\\n")
