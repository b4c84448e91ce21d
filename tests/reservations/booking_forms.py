"""What the booking form posts, for the tests of booking, repeating and bad input."""

from django.urls import reverse


def booking_data(resource, day, start="10:00", end="11:00", **changes):
    """The POST of the booking form: one booking of ``resource`` on ``day``."""
    data = {
        "resource": getattr(resource, "pk", resource),
        "date": day.isoformat() if hasattr(day, "isoformat") else day,
        "start_time": start,
        "end_time": end,
        "title": "庁内調整会議",
        "purpose": "来年度予算の調整",
        "attendee_count": "5",
        "skip_closed_days": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post_booking(client, resource, day, start="10:00", end="11:00", follow=False, **changes):
    data = booking_data(resource, day, start, end, **changes)
    return client.post(reverse("reservations:new"), data, follow=follow)


def page_text(response):
    return response.content.decode()


def form_errors(response):
    """Every error of the form in the response, field errors and the ones at the top."""
    form = response.context["form"]
    return [message for messages in form.errors.values() for message in messages]
