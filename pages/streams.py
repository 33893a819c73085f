"""Reading a StreamField's blocks from their stored form (the JSON), without turning them into
values: no image, page or snippet a block points at is loaded."""

from wagtail import blocks


def stored_blocks(stream):
    """(block, stored value) for every block in `stream` and inside it, in reading order."""
    for item in stream.raw_data:
        yield from _walk(stream.stream_block.child_blocks.get(item["type"]), item["value"])


def _walk(block, value):
    if block is None or value is None:
        return
    yield block, value
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _walk(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            is_item = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from _walk(block.child_block, item["value"] if is_item else item)
    elif isinstance(block, blocks.StreamBlock):
        for item in value:
            yield from _walk(block.child_blocks.get(item["type"]), item["value"])
