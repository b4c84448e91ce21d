"""Personal and department schedules on django-scheduler's calendars and events."""
