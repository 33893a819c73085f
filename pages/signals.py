"""Signals the core sends so that features can react without the core knowing them."""

from django.dispatch import Signal

# A live page now renders differently although nothing was published (a vote changed its rating,
# for example). Arguments: page, request (the request that changed it: its host and scheme say
# which copies of the page exist). Whoever keeps copies of pages (the page cache) drops this one.
page_content_changed = Signal()
