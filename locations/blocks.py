from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

DAYS = [
    ("Monday", "Monday"),
    ("Tuesday", "Tuesday"),
    ("Wednesday", "Wednesday"),
    ("Thursday", "Thursday"),
    ("Friday", "Friday"),
    ("Saturday", "Saturday"),
    ("Sunday", "Sunday"),
]


class HoursBlock(blocks.StructBlock):
    """One line of opening hours: the days it covers, when it opens and when it closes."""

    days = blocks.MultipleChoiceBlock(choices=DAYS)
    opens = blocks.TimeBlock()
    closes = blocks.TimeBlock()

    class Meta:
        icon = "time"
        label = "Opening hours"

    def clean(self, value):
        value = super().clean(value)
        if value["opens"] and value["closes"] and value["closes"] <= value["opens"]:
            raise StructBlockValidationError(
                block_errors={"closes": ValidationError("Closing time must be after opening time.")}
            )
        return value


class HoursStreamBlock(blocks.StreamBlock):
    hours = HoursBlock()


def day_range(days):
    """ "Monday to Friday" for consecutive days, otherwise "Monday, Wednesday"."""
    order = [day for day, _ in DAYS]
    positions = sorted(order.index(day) for day in days)
    if len(positions) > 2 and positions == list(range(positions[0], positions[-1] + 1)):
        return f"{order[positions[0]]} to {order[positions[-1]]}"
    return ", ".join(order[position] for position in positions)
