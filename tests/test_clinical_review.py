"""Clinical review through the real admin: workflow, approval stamp, byline, dashboard, report."""

import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, Workflow, WorkflowState
from wagtail.test.utils import WagtailPageTestCase

from demo.loader import load_demo
from programs.models import ProgramIndexPage, ProgramPage
from reviews.models import Reviewer
from reviews.roles import CLINICAL_REVIEWERS, EDITORS
from reviews.workflow import WORKFLOW_NAME
from tests.editor_helpers import make_user, program_form_data
from tests.reading import soup_of, text_of


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["programs", "programpage", parent.pk])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_buttons(response):
    """Whatever in the editor would publish: a button or field named action-publish."""
    return soup_of(response).find_all(attrs={"name": "action-publish"})


def take_workflow_action(client, page, action, comment=""):
    """What the reviewer's Approve ("approve") or Request changes ("reject") button sends."""
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
        {"comment": comment},
    )


def submit_new_program_page(client, demo, **fields):
    data = program_form_data(**fields, **{"action-submit": "1"})
    response = client.post(add_url(demo.programs), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ProgramPage.objects.get(slug="partial-hospitalization")


def test_migration_creates_groups_and_workflow_on_program_index(demo):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert demo.programs.get_workflow() == workflow
    assert demo.iop.get_workflow() == workflow
    [task] = [t.specific for t in workflow.tasks]
    assert list(task.groups.values_list("name", flat=True)) == [CLINICAL_REVIEWERS]
    editor_rights = set(
        GroupPagePermission.objects.filter(group__name=EDITORS).values_list(
            "permission__codename", flat=True
        )
    )
    assert editor_rights == {"add_page", "change_page"}


def test_editor_creates_and_submits_a_program_page_but_cannot_publish(client, demo, editor):
    client.force_login(editor)
    response = client.get(add_url(demo.programs))
    assert response.status_code == 200
    assert publish_buttons(response) == []
    assert soup_of(response).select('button[type="submit"][name="action-submit"]')

    # Asking to publish anyway only saves a draft: the page stays off the site.
    response = client.post(add_url(demo.programs), program_form_data(**{"action-publish": "1"}))
    assert response.status_code == 302
    page = ProgramPage.objects.get(slug="partial-hospitalization")
    assert not page.live
    assert not page.workflow_in_progress
    assert client.get(page.url).status_code == 404

    assert publish_buttons(client.get(edit_url(page))) == []
    data = program_form_data(intro="Ready for review.", **{"action-submit": "1"})
    assert client.post(edit_url(page), data).status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    )
    assert state.workflow.name == WORKFLOW_NAME
    assert page.get_latest_revision_as_object().intro == "Ready for review."
    assert client.get(page.url).status_code == 404


def test_clinical_reviewer_approves_and_the_page_goes_live_reviewed(
    client, demo, editor, reviewer_user, reviewer
):
    client.force_login(editor)
    page = submit_new_program_page(client, demo)

    client.force_login(reviewer_user)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Partial Hospitalization" in dashboard.text  # Wagtail's "awaiting your review" panel
    response = take_workflow_action(client, page, "approve")
    assert response.status_code in (200, 302)

    page.refresh_from_db()
    assert page.live
    assert page.last_reviewed == timezone.localdate()
    assert page.reviewed_by == reviewer
    # The published revision carries the review too, so the next edit keeps it.
    assert page.get_latest_revision_as_object().last_reviewed == timezone.localdate()

    today = timezone.localdate()
    [byline] = soup_of(client.get(page.url)).select(".review-byline")
    assert text_of(byline) == (
        f"Clinically reviewed by Dana Whitfield, MD — last reviewed "
        f"{today:%B} {today.day}, {today.year}"
    )
    assert [time["datetime"] for time in byline.find_all("time")] == [f"{today:%Y-%m-%d}"]


def test_approval_by_a_user_without_reviewer_profile_records_date_only(
    client, demo, editor, reviewer_user
):
    client.force_login(editor)
    page = submit_new_program_page(client, demo, reviewed_by="")
    client.force_login(reviewer_user)
    take_workflow_action(client, page, "approve")
    page.refresh_from_db()
    assert page.live and page.last_reviewed == timezone.localdate()
    assert page.reviewed_by is None
    assert "Clinically reviewed — last reviewed" in client.get(page.url).text


def test_reviewer_requests_changes_and_nothing_is_published(
    client, demo, editor, reviewer_user, reviewer
):
    client.force_login(editor)
    page = submit_new_program_page(client, demo)
    client.force_login(reviewer_user)
    take_workflow_action(client, page, "reject", "Please cite the SAMHSA guidance.")
    page.refresh_from_db()
    assert not page.live
    assert page.last_reviewed is None


def test_never_reviewed_page_shows_no_byline(client, demo):
    assert "Clinically reviewed" not in client.get(demo.iop.url).text


@pytest.mark.parametrize(
    ("day", "months", "due"),
    [
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2025, 11, 15), 3, datetime.date(2026, 2, 15)),
        (datetime.date(2025, 6, 1), 12, datetime.date(2026, 6, 1)),
    ],
)
def test_review_falls_due_the_same_day_months_later_or_at_the_months_end(db, day, months, due):
    page = ProgramPage(last_reviewed=day, review_interval_months=months)
    assert page.review_due == due


def publish_copy_of_iop(demo, slug, last_reviewed):
    page = ProgramPage(title=slug.replace("-", " ").title(), slug=slug, last_reviewed=last_reviewed)
    demo.programs.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_dashboard_panel_lists_overdue_pages_not_fresh_ones(admin_client, demo):
    today = timezone.localdate()
    overdue = publish_copy_of_iop(demo, "residential", today - datetime.timedelta(days=400))
    fresh = publish_copy_of_iop(demo, "detox", today - datetime.timedelta(days=30))
    html = admin_client.get(reverse("wagtailadmin_home")).text
    assert "Due for clinical review" in html
    panel = html[html.index("Due for clinical review") :]
    panel = panel[: panel.index("</section>")]
    assert f'href="{edit_url(overdue)}"' in panel
    assert f'href="{edit_url(demo.iop)}"' in panel  # never reviewed
    assert f'href="{edit_url(fresh)}"' not in panel
    # Oldest first: never reviewed, then the most overdue.
    assert panel.index(edit_url(demo.iop)) < panel.index(edit_url(overdue))


def test_a_due_page_already_submitted_says_it_is_in_review(client, demo, editor, reviewer_user):
    demo.iop.save_revision(user=editor)
    demo.iop.get_workflow().start(demo.iop, editor)
    client.force_login(reviewer_user)
    dashboard = soup_of(client.get(reverse("wagtailadmin_home")))
    [due] = [
        h.find_parent("section")
        for h in dashboard.select("h2")
        if text_of(h) == "Due for clinical review"
    ]
    [row] = [r for r in due.select("tbody tr") if "Intensive Outpatient" in text_of(r)]
    assert text_of(row.select("td")[-1]) == "In review now"


def test_dashboard_panel_hidden_from_users_without_page_rights(client, demo, django_user_model):
    admissions = make_user(django_user_model, "admissions", "Admissions")
    admissions.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admissions)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Due for clinical review" not in response.text


def test_review_report_prints_the_same_list(demo):
    today = timezone.localdate()
    overdue = publish_copy_of_iop(demo, "residential", today - datetime.timedelta(days=800))
    publish_copy_of_iop(demo, "detox", today)
    out = io.StringIO()
    call_command("review_report", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Due for clinical review: 2 pages."
    assert lines[1].startswith("- Intensive Outpatient (last reviewed: never; never reviewed) ")
    assert lines[1].endswith(f"/admin/pages/{demo.iop.pk}/edit/")
    due = overdue.review_due
    assert lines[2] == (
        f"- Residential (last reviewed: {overdue.last_reviewed.isoformat()}; due since "
        f"{due:%B} {due.day}, {due.year}) http://testserver/admin/pages/{overdue.pk}/edit/"
    )
    assert len(lines) == 3


def test_review_report_when_nothing_is_due(demo):
    ProgramPage.objects.filter(pk=demo.iop.pk).update(last_reviewed=timezone.localdate())
    out = io.StringIO()
    call_command("review_report", stdout=out)
    assert out.getvalue().strip() == "Nothing is due for clinical review."
    quiet = io.StringIO()
    call_command("review_report", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""  # cron mails nothing


def test_review_report_for_cron_still_prints_due_pages(demo):
    out = io.StringIO()
    call_command("review_report", verbosity=0, stdout=out)
    assert "Intensive Outpatient" in out.getvalue()


def test_reviewer_snippet_is_listed_in_the_admin(admin_client, reviewer):
    response = admin_client.get(reverse("wagtailsnippets_reviews_reviewer:list"))
    assert response.status_code == 200
    assert "Dana Whitfield" in response.text
    assert Reviewer.objects.count() == 1


def test_a_new_programs_index_is_put_under_clinical_review_at_once(demo):
    demo.programs.delete()
    GroupPagePermission.objects.filter(group__name=CLINICAL_REVIEWERS).delete()
    index = ProgramIndexPage(title="Levels of care", slug="care")
    demo.home.add_child(instance=index)
    assert index.get_workflow().name == WORKFLOW_NAME
    reviewer_rights = GroupPagePermission.objects.filter(group__name=CLINICAL_REVIEWERS)
    assert [(p.page_id, p.permission.codename) for p in reviewer_rights] == [
        (index.pk, "change_page")
    ]


def test_the_workflow_data_migration_can_run_again(demo):
    migration = importlib.import_module(
        "reviews.migrations.0002_clinical_review_workflow_and_groups"
    )
    migration.forwards(apps, None)
    migration.forwards(apps, None)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert demo.programs.get_workflow().name == WORKFLOW_NAME
    assert Group.objects.filter(name__in=[EDITORS, CLINICAL_REVIEWERS]).count() == 2


class ProgramPageAdminTests(WagtailPageTestCase):
    """Wagtail's own page assertions on the program page type."""

    def setUp(self):
        load_demo()
        self.login()
        self.programs = ProgramIndexPage.objects.get()
        self.iop = ProgramPage.objects.get(slug="intensive-outpatient")

    def test_program_pages_live_under_the_program_index_only(self):
        self.assertCanCreateAt(ProgramIndexPage, ProgramPage)
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})

    def test_can_create_a_program_page_with_review_fields(self):
        self.assertCanCreate(
            self.programs,
            ProgramPage,
            program_form_data(last_reviewed="2026-01-15", review_interval_months="6"),
        )
        page = ProgramPage.objects.get(slug="partial-hospitalization")
        self.assertEqual(page.review_due, datetime.date(2026, 7, 15))

    def test_iop_is_renderable_and_previewable(self):
        self.assertPageIsRenderable(self.iop)
        # The StreamField editor is drawn by JavaScript, so the form data is given explicitly.
        data = program_form_data(title=self.iop.title, slug=self.iop.slug)
        self.assertPageIsPreviewable(self.iop, post_data=data)


def test_reviewer_corrects_and_approves_in_the_editor(
    client, demo, editor, reviewer_user, reviewer
):
    client.force_login(editor)
    page = submit_new_program_page(client, demo)
    client.force_login(reviewer_user)
    data = program_form_data(
        intro="Day treatment, reviewed and corrected by the clinician.",
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    response = client.post(edit_url(page), data, follow=True)
    page.refresh_from_db()
    assert page.live
    assert page.intro == "Day treatment, reviewed and corrected by the clinician."
    assert (page.last_reviewed, page.reviewed_by) == (timezone.localdate(), reviewer)
    today = timezone.localdate()
    assert [str(m) for m in response.context["messages"]] == [
        "Approved and published: ‘Partial Hospitalization’ is live, clinically reviewed by "
        f"Dana Whitfield, MD on {today:%B} {today.day}, {today.year}."
    ]


def test_approving_a_scheduled_page_says_when_it_goes_live(
    client, demo, editor, reviewer_user, reviewer
):
    go_live = timezone.localtime() + datetime.timedelta(days=3)
    client.force_login(editor)
    page = submit_new_program_page(client, demo, go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    client.force_login(reviewer_user)
    data = program_form_data(
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
        **{"action-workflow-action": "1", "workflow-action-name": "approve"},
    )
    response = client.post(edit_url(page), data, follow=True)
    page.refresh_from_db()
    assert not page.live
    [message] = [str(m) for m in response.context["messages"]]
    assert message == (
        f"Approved: ‘Partial Hospitalization’ will go live on {go_live:%B} {go_live.day}, "
        f"{go_live.year} at {go_live.strftime('%-I:%M %p')}."
    )


def test_approve_and_publish_is_the_reviewers_main_button(client, demo, editor, reviewer_user):
    client.force_login(editor)
    page = submit_new_program_page(client, demo)
    assert not soup_of(client.get(edit_url(page))).select("[data-workflow-action-name=approve]")
    client.force_login(reviewer_user)
    footer = soup_of(client.get(edit_url(page))).select_one("footer")
    main = footer.select("button")[0]
    assert main.get("data-workflow-action-name") == "approve"
    assert text_of(main) == "Approve and publish"


def test_a_clinicians_dashboard_puts_their_review_queue_first(client, demo, editor, reviewer_user):
    client.force_login(editor)
    page = submit_new_program_page(client, demo)
    client.force_login(reviewer_user)
    dashboard = soup_of(client.get(reverse("wagtailadmin_home")))
    headings = [
        text_of(h)
        for h in dashboard.select("h2")
        if text_of(h) in ("Awaiting your review", "Due for clinical review")
    ]
    assert headings == ["Awaiting your review", "Due for clinical review"]
    [queue] = [
        h.find_parent("section") for h in dashboard.select("h2") if text_of(h) == headings[0]
    ]
    assert [text_of(th) for th in queue.select("thead th")] == [
        "Page",
        "Review step",
        "Submitted by",
        "Submitted",
        "Actions",
    ]
    [row] = queue.select("tbody tr")
    assert "Partial Hospitalization" in text_of(row)
    assert "Clinical reviewers approval: in progress" in text_of(row)
    assert edit_url(page) in [a["href"] for a in row.select("a")]
    assert "press Approve and publish" in text_of(queue)


def test_a_copied_page_is_not_reviewed(demo, reviewer):
    demo.iop.last_reviewed = timezone.localdate()
    demo.iop.reviewed_by = reviewer
    demo.iop.save_revision().publish()
    copy = demo.iop.copy(update_attrs={"slug": "iop-copy", "title": "IOP copy"})
    copy = ProgramPage.objects.get(pk=copy.pk)
    assert (copy.last_reviewed, copy.reviewed_by, copy.review_interval_months) == (None, None, 12)


def test_editors_see_the_review_stamp_read_only_and_cannot_set_it(client, demo, editor, reviewer):
    client.force_login(editor)
    form = soup_of(client.get(edit_url(demo.iop)))
    assert not form.select('[name="reviewed_by"]') and not form.select('[name="last_reviewed"]')
    assert form.select('[name="review_interval_months"]')  # still theirs to choose
    tab = text_of(form)
    assert "Clinically reviewed by" in tab and "Last reviewed" in tab
    assert "Set when a clinical reviewer approves the page" in tab
    assert "Not reviewed yet" in tab and "None" not in tab

    response = client.post(
        edit_url(demo.iop),
        program_form_data(
            title=demo.iop.title,
            slug=demo.iop.slug,
            reviewed_by=str(reviewer.pk),
            last_reviewed=timezone.localdate().isoformat(),
        ),
    )
    assert response.status_code == 302
    draft = ProgramPage.objects.get(pk=demo.iop.pk).get_latest_revision_as_object()
    assert draft.reviewed_by is None and draft.last_reviewed is None


def test_a_superuser_may_correct_the_review_stamp_by_hand(admin_client, demo, reviewer):
    form = soup_of(admin_client.get(edit_url(demo.iop)))
    assert form.select('[name="reviewed_by"]') and form.select('[name="last_reviewed"]')


def test_a_reviewer_profile_links_only_accounts_of_clinical_reviewers(
    admin_client, reviewer_user, editor
):
    form = soup_of(admin_client.get(reverse("wagtailsnippets_reviews_reviewer:add")))
    choices = {option.get_text(strip=True) for option in form.select('[name="user"] option')}
    assert reviewer_user.get_username() in choices
    assert editor.get_username() not in choices


def test_wagtails_moderators_group_is_gone_and_other_pages_go_to_an_administrator(demo):
    assert not Group.objects.filter(name="Moderators").exists()
    publishing = demo.home.get_workflow()
    assert publishing.name == "Publishing approval"
    [task] = [t.specific for t in publishing.tasks]
    assert task.name == "Administrators approval" and not task.groups.exists()


def test_every_role_says_what_it_may_do_in_the_group_list_and_the_roles_tab(admin_client, editor):
    groups = soup_of(admin_client.get(reverse("wagtailusers_groups:index")))
    rows = {
        text_of(row.select("td")[0]): text_of(row.select("td")[1])
        for row in groups.select("tbody tr")
    }
    assert rows["Editors"].startswith("Write and edit every page")
    assert rows["Clinical reviewers"].startswith("Check health pages (programs)")
    assert rows["Admissions"].startswith("Read and export the confidential inquiries")

    form = soup_of(admin_client.get(reverse("wagtailusers_users:edit", args=[editor.pk])))
    roles = [text_of(box.find_parent("label")) for box in form.select('input[name="groups"]')]
    assert any(role.startswith("Clinical reviewers: Check health pages") for role in roles)
    assert any(role.startswith("Admissions: Read and export") for role in roles)
