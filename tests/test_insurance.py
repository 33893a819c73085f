"""The Insurance page: the carriers in the center's order, under wording that promises nothing."""

from insurance.models import InsuranceCarrier
from tests.reading import soup_of, text_of


def test_the_demo_insurance_page_invites_a_call_and_lists_no_carriers(client, demo):
    html = client.get("/insurance/").text
    text = text_of(html)
    assert "Coverage depends on your plan: call us and we will check yours" in text
    assert soup_of(html).select(".carrier-list") == []  # the demo invents no carriers
    assert soup_of(html).select_one('main a[href="tel:+18002704315"]') is not None


def test_carriers_in_the_order_editors_gave_them_shown_at_once(client, demo):
    client.get("/insurance/")  # cached now
    InsuranceCarrier.objects.create(name="Zenith Health (test)", sort_order=0)
    InsuranceCarrier.objects.create(name="Acme Mutual (test)", sort_order=1)
    html = client.get("/insurance/").text
    items = [text_of(li) for li in soup_of(html).select(".carrier-list li")]
    assert items == ["Zenith Health (test)", "Acme Mutual (test)"]


def test_editors_add_a_carrier_in_the_admin(admin_client, demo):
    response = admin_client.post(
        "/admin/snippets/insurance/insurancecarrier/add/", {"name": "Example Plan (test)"}
    )
    assert response.status_code == 302
    assert "Example Plan (test)" in text_of(admin_client.get("/insurance/").text)
