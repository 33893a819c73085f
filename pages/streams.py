"""Reading a StreamField: its blocks from their stored form (the JSON), without turning them into
values (no image, page or snippet a block points at is loaded); and what its values point at,
read together before they render."""

from django.db.models import prefetch_related_objects
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.images.models import AbstractImage


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


def prefetch_renditions(stream):
    """Read the renditions of every image in `stream` in one query, before its blocks render
    (each picture then finds its sizes among them, instead of asking the cache and the database
    image by image)."""
    # (Images whose renditions are already read are left out by Django itself.)
    images = [value for value in _values(stream) if isinstance(value, AbstractImage)]
    prefetch_related_objects(images, "renditions")


def _values(value):
    if isinstance(value, StreamValue):
        for child in value:
            yield from _values(child.value)
    elif isinstance(value, StructValue):
        for child in value.values():
            yield from _values(child)
    elif isinstance(value, ListValue | list):
        for child in value:
            yield from _values(child)
    else:
        yield value
