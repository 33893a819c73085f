def test_demo_pages_answer(client, demo):
    for url in ["/", "/programs/", "/programs/intensive-outpatient/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'href="tel:+18002704315"' in response.text
