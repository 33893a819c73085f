"""A location in JSON-LD: a MedicalClinic of its own, part of the organisation."""

from pages.structured_data import postal_address

DAY_URL = "https://schema.org/"


def opening_hours_specification(blocks):
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{DAY_URL}{day}" for day in block.value["days"]],
            "opens": block.value["opens"].strftime("%H:%M"),
            "closes": block.value["closes"].strftime("%H:%M"),
        }
        for block in blocks
        if block.block_type == "hours"
    ]


def medical_clinic(view, graph):
    location = view.location
    data = {
        "@type": "MedicalClinic",
        "@id": f"{graph.page_url}#{location.slug}",
        "name": location.name,
        "url": f"{graph.page_url}#{location.slug}",
        "parentOrganization": {"@id": graph.organisation_id},
        "address": postal_address(location),
    }
    if view.phone_href:
        data["telephone"] = view.phone_href.removeprefix("tel:")
    hours = opening_hours_specification(location.opening_hours)
    if hours:
        data["openingHoursSpecification"] = hours
    if location.latitude is not None and location.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    if location.directions_url:
        data["hasMap"] = location.directions_url
    return data
