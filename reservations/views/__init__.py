"""The booking screens, one module per area; each ends with its ``urlpatterns``."""
