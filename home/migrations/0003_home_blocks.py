# The home page's body becomes its own stream of blocks (home.blocks); the "show the latest
# articles" tick becomes a Latest articles block at the end, so a home page that showed them still
# does.

import uuid

import wagtail.fields
from django.db import migrations


def tick_to_block(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    for home in HomePage.objects.filter(show_latest_articles=True):
        stream = list(home.body.raw_data) if home.body else []
        stream.append(
            {
                "type": "latest_articles",
                "value": {"heading": "Latest articles", "count": 3},
                "id": str(uuid.uuid4()),
            }
        )
        home.body = stream
        home.save(update_fields=["body"])


def block_to_tick(apps, schema_editor):
    HomePage = apps.get_model("home", "HomePage")
    for home in HomePage.objects.all():
        stream = list(home.body.raw_data) if home.body else []
        kept = [child for child in stream if child["type"] != "latest_articles"]
        if len(kept) != len(stream):
            home.body = kept
            home.show_latest_articles = True
            home.save(update_fields=["body", "show_latest_articles"])


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0002_homepage_show_latest_articles'),
    ]

    operations = [
        migrations.AlterField(
            model_name='homepage',
            name='body',
            field=wagtail.fields.StreamField([('text', 0), ('benefit_section', 4), ('call_to_action', 13), ('image', 14), ('faq', 20), ('hero', 25), ('program_cards', 30), ('call_steps', 35), ('locations', 37), ('credentials', 40), ('latest_articles', 43)], blank=True, block_lookup={0: ('pages.blocks.CitationRichTextBlock', (), {'description': 'Paragraphs, lists and citations.', 'features': ['h3', 'h4', 'bold', 'italic', 'link', 'ol', 'ul', 'citation'], 'icon': 'pilcrow', 'label': 'Text', 'preview_value': '<p>An intensive outpatient program combines structured treatment with the flexibility of living at home.</p>', 'template': 'blocks/rich_text.html'}), 1: ('wagtail.blocks.CharBlock', (), {'max_length': 120}), 2: ('pages.blocks.CitationRichTextBlock', (), {'features': ['h3', 'h4', 'bold', 'italic', 'link', 'ol', 'ul', 'citation']}), 3: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Optional. Describe it in the alt text.'}), 4: ('wagtail.blocks.StructBlock', [[('heading', 1), ('text', 2), ('image', 3)]], {}), 5: ('wagtail.blocks.CharBlock', (), {'default': 'Need More Information?', 'max_length': 80}), 6: ('wagtail.blocks.CharBlock', (), {'default': 'Call now to be connected with one of our friendly, helpful treatment specialists.', 'max_length': 240}), 7: ('wagtail.blocks.BooleanBlock', (), {'default': True, 'help_text': 'Untick to show only the button link.', 'label': 'Show a phone number', 'required': False}), 8: ('pages.blocks.PhoneNumberBlock', (), {'help_text': 'Leave blank to use the admissions number from the site settings.', 'label': 'Phone number', 'required': False}), 9: ('wagtail.blocks.CharBlock', (), {'help_text': "The button's words.", 'max_length': 80, 'required': False}), 10: ('wagtail.blocks.PageChooserBlock', (), {'help_text': 'A page on this site…', 'required': False}), 11: ('pages.blocks.HttpURLBlock', (), {'help_text': '…or a web address.', 'label': 'URL', 'required': False}), 12: ('wagtail.blocks.StructBlock', [[('text', 9), ('page', 10), ('url', 11)]], {'label': 'Button link (optional)', 'required': False}), 13: ('wagtail.blocks.StructBlock', [[('heading', 5), ('text', 6), ('show_phone', 7), ('phone', 8), ('link', 12)]], {}), 14: ('wagtail.images.blocks.ImageBlock', [], {'description': 'A picture on its own, with alt text.', 'template': 'blocks/image.html'}), 15: ('wagtail.blocks.CharBlock', (), {'default': 'Frequently asked questions', 'max_length': 120}), 16: ('wagtail.blocks.CharBlock', (), {'help_text': 'Ask it the way a worried reader would, e.g. ‘Can I keep working?’', 'max_length': 200}), 17: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'help_text': 'A short, direct answer. Links and lists are fine.'}), 18: ('wagtail.blocks.StructBlock', [[('question', 16), ('answer', 17)]], {}), 19: ('wagtail.blocks.ListBlock', (18,), {'label': 'Questions', 'min_num': 1}), 20: ('wagtail.blocks.StructBlock', [[('heading', 15), ('items', 19)]], {}), 21: ('wagtail.blocks.CharBlock', (), {'help_text': "The page's main heading: say what the center does, plainly.", 'max_length': 120}), 22: ('wagtail.blocks.TextBlock', (), {'help_text': 'One or two sentences under the heading.', 'required': False}), 23: ('wagtail.blocks.CharBlock', (), {'default': 'Call', 'help_text': 'Shown before the admissions number on the call button.', 'max_length': 40}), 24: ('wagtail.images.blocks.ImageBlock', [], {'help_text': 'Optional. Shown beside the text on wide screens.'}), 25: ('wagtail.blocks.StructBlock', [[('heading', 21), ('text', 22), ('call_label', 23), ('image', 24)]], {}), 26: ('wagtail.blocks.CharBlock', (), {'default': 'Our programs', 'max_length': 120}), 27: ('wagtail.blocks.TextBlock', (), {'required': False}), 28: ('wagtail.blocks.PageChooserBlock', (), {'page_type': ['programs.ProgramPage']}), 29: ('wagtail.blocks.ListBlock', (28,), {'default': [], 'help_text': "Leave empty to show every published program, in the Programs page's order.", 'label': 'Programs to show'}), 30: ('wagtail.blocks.StructBlock', [[('heading', 26), ('intro', 27), ('programs', 29)]], {}), 31: ('wagtail.blocks.CharBlock', (), {'default': 'What happens when you call', 'max_length': 120}), 32: ('wagtail.blocks.StructBlock', [[('title', 1), ('text', 27)]], {}), 33: ('wagtail.blocks.ListBlock', (32,), {'max_num': 8, 'min_num': 1}), 34: ('wagtail.blocks.CharBlock', (), {'default': 'Call', 'help_text': 'Shown before the number on a call button after the steps. Empty: no button.', 'max_length': 40, 'required': False}), 35: ('wagtail.blocks.StructBlock', [[('heading', 31), ('steps', 33), ('call_label', 34)]], {}), 36: ('wagtail.blocks.CharBlock', (), {'default': 'Where to find us', 'max_length': 120}), 37: ('wagtail.blocks.StructBlock', [[('heading', 36), ('intro', 27)]], {}), 38: ('wagtail.blocks.CharBlock', (), {'default': 'Licensed and accredited', 'max_length': 120}), 39: ('wagtail.blocks.TextBlock', (), {'default': "Each one links to the issuer's own public lookup, where you can check it.", 'required': False}), 40: ('wagtail.blocks.StructBlock', [[('heading', 38), ('intro', 39)]], {}), 41: ('wagtail.blocks.CharBlock', (), {'default': 'Latest articles', 'max_length': 120}), 42: ('wagtail.blocks.IntegerBlock', (), {'default': 3, 'max_value': 6, 'min_value': 1}), 43: ('wagtail.blocks.StructBlock', [[('heading', 41), ('count', 42)]], {})}, help_text='Start with a hero for the main heading and the call button; then, for example, the program cards, what happens when you call, locations, credentials and questions.'),
        ),
        migrations.RunPython(tick_to_block, block_to_tick),
        migrations.RemoveField(
            model_name='homepage',
            name='show_latest_articles',
        ),
    ]
