"""A postal address as people read it, for anything with the address fields (the site settings,
a location): street_address, locality, region, postal_code, country."""


def address_lines(place):
    """['100 Example Street', 'Exampleville, FL 00000'], leaving out what is empty."""
    city_line = " ".join(
        part
        for part in [
            f"{place.locality}," if place.locality else "",
            place.region,
            place.postal_code,
        ]
        if part
    ).strip(" ,")
    return [line for line in [place.street_address, city_line] if line]
