"""Settings shared by every environment.

Everything that differs between machines comes from the environment
(12-factor): ``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``,
``PRIVATE_FILES_ROOT``, ``FILES_SERVE_METHOD``, ``STATIC_ROOT``, ``SESSION_IDLE_MINUTES`` and
``SESSION_WARNING_SECONDS``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "intranet",
    "faq",
    "bulletin",
    "reservations",
    "incidents",
    "materials",
    "search",
    # django-scheduler: the calendars and events of personal and department schedules.
    "schedule",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Form widgets render through the project's templates (FORM_RENDERER below).
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "intranet.middleware.QueryParameterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intranet.middleware.IdleSessionRenewalMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page, the Wagtail site and admin included, needs a staff login.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "intranet.middleware.ContentSecurityPolicyMiddleware",
    "intranet.middleware.PrivateCacheMiddleware",
    "intranet.middleware.MethodNotAllowedPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): everything from this site only; no
# inline script on staff pages (the Wagtail admin gets inline scripts, see
# intranet.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

ROOT_URLCONF = "intranet.urls"

# Widgets render through TEMPLATES, so templates/django/forms/ can reword Django's own
# (the blank choice 「---------」 reads 「選んでください…」).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "intranet.context_processors.site_name",
                "intranet.context_processors.navigation",
                "intranet.context_processors.notifications",
                "intranet.context_processors.banners",
                "bulletin.context_processors.waiting_notices",
                "intranet.context_processors.session_timeout",
            ],
        },
    },
]

WSGI_APPLICATION = "intranet.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database under many staff at once: readers never wait for
    # a writer (WAL), a writer waits up to 20 s for its turn instead of failing
    # with "database is locked", and a transaction takes the write lock when it
    # begins, so it cannot fail halfway when a read turns into a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Refuses a login while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords
# for one account, or from one address, logins from there are refused for
# LOGIN_LOCKOUT_MINUTES, on every login form (the intranet's and Wagtail's).
# A system administrator lifts a lockout in the admin (ログインのロック).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "intranet.accounts.client_ip"
AXES_USERNAME_CALLABLE = "intranet.accounts.login_username"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# How many proxies in front of the intranet add themselves to X-Forwarded-For
# (0: REMOTE_ADDR is the staff member's own address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after this many minutes without a request. Requests renew the
# deadline (at most once a minute, see intranet.middleware), so active staff
# are never thrown out mid-task and reading a page writes nothing.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "60"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Staff pages warn this many seconds before the session ends and offer to extend it.
SESSION_WARNING_SECONDS = int(os.environ.get("SESSION_WARNING_SECONDS", "120"))

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
# Dates read like 2026年11月26日(木) 14:00 (see intranet/formats/ja).
FORMAT_MODULE_PATH = ["intranet.formats"]
# The years a typed date or a date in an address may fall in (intranet/dates.py): from the
# first day of DATES_EARLIEST_YEAR to the last day of the year DATES_YEARS_AHEAD from now.
DATES_EARLIEST_YEAR = int(os.environ.get("DATES_EARLIEST_YEAR", "2000"))
DATES_YEARS_AHEAD = int(os.environ.get("DATES_YEARS_AHEAD", "10"))

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (documents, images and their renditions) live where no web
# server reaches them: every download goes through one checked view
# (intranet/files.py), and /files/<stored name> is that view too.
PRIVATE_FILES_ROOT = Path(os.environ.get("PRIVATE_FILES_ROOT", BASE_DIR / "private-files"))
PRIVATE_FILES_URL = "/files/"


def private_storage(root):
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(root), "base_url": PRIVATE_FILES_URL},
    }


STORAGES = {
    "default": private_storage(PRIVATE_FILES_ROOT),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# How the checked view hands a file over: "django" streams it; behind nginx,
# "x-accel-redirect" names it under FILES_INTERNAL_URL (an `internal` location);
# behind Apache or lighttpd, "x-sendfile" names its path. See README.
FILES_SERVE_METHOD = os.environ.get("FILES_SERVE_METHOD", "django")
FILES_INTERNAL_URL = os.environ.get("FILES_INTERNAL_URL", "/protected-files/")
# Wagtail's document view serves through the same check and hand-over.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "intranet.files"

WAGTAIL_SITE_NAME = "庁内イントラネット"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ja", "日本語")]
WAGTAIL_I18N_ENABLED = False
# Staff work in Tokyo time. Offering every zone also offered "localtime", a
# file name that is no IANA zone, and the account page's script failed on it.
WAGTAIL_USER_TIME_ZONES = ["Asia/Tokyo"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "csv", "txt", "zip"]
# Notice attachments (bulletin/attachments.py): a size limit per file, and
# whether macro-enabled Office files (.xlsm, .docm …) may be attached at all.
BULLETIN_ATTACHMENT_MAX_BYTES = 10 * 1000 * 1000
BULLETIN_ALLOW_MACRO_ATTACHMENTS = False
# Django's upload handlers, but each uploaded file keeps the whole name it was sent under
# (Django cuts a name over 255 characters short), so a name too long is refused, not cut.
FILE_UPLOAD_HANDLERS = [
    "intranet.uploads.MemoryFileUploadHandler",
    "intranet.uploads.TemporaryFileUploadHandler",
]

# Materials (materials/extraction): uploads are refused over MATERIALS_MAX_UPLOAD_BYTES
# or, for a PDF, MATERIALS_MAX_PAGES pages (also the cap on an Office file's sheets,
# slides or pages). An Office file is refused as a decompression bomb when its parts
# unpack to more than MATERIALS_MAX_UNPACKED_BYTES, when one part over a megabyte unpacks
# to more than MATERIALS_MAX_COMPRESSION_RATIO times its size, or when it has more than
# MATERIALS_MAX_ZIP_ENTRIES parts. Scanned PDF pages are read with OCR (OCRmyPDF and
# Tesseract, languages MATERIALS_OCR_LANGUAGES), at most MATERIALS_OCR_MAX_PAGES per file.
MATERIALS_MAX_UPLOAD_BYTES = int(os.environ.get("MATERIALS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))
MATERIALS_MAX_PAGES = int(os.environ.get("MATERIALS_MAX_PAGES", "1000"))
MATERIALS_MAX_UNPACKED_BYTES = 300 * 1024 * 1024
MATERIALS_MAX_COMPRESSION_RATIO = 200
MATERIALS_MAX_ZIP_ENTRIES = 10_000
MATERIALS_OCR_MAX_PAGES = int(os.environ.get("MATERIALS_OCR_MAX_PAGES", "50"))
MATERIALS_OCR_SECONDS_PER_PAGE = 60
# A file is read in a child process that is stopped after this many seconds (plus the
# OCR allowance above for a PDF), so no file can hold the task worker up for ever.
MATERIALS_EXTRACTION_SECONDS = int(os.environ.get("MATERIALS_EXTRACTION_SECONDS", "600"))
MATERIALS_OCR_LANGUAGES = os.environ.get("MATERIALS_OCR_LANGUAGES", "jpn")
MATERIALS_OCRMYPDF = os.environ.get("MATERIALS_OCRMYPDF", "ocrmypdf")

# Mistake and near-miss reports (incidents/deadlines.py): hours a section head has to
# confirm a report, counted from when the mistake was found, by impact level (0–5). A level
# not named takes the hours of the largest level below it. `manage.py flag_overdue_reports`
# (hourly from cron) tells the section heads once a report is late; the review queue and
# its dashboard panel flag late reports at once.
INCIDENTS_REVIEW_HOURS = {0: 168, 1: 168, 2: 72, 3: 24, 4: 24, 5: 24}
# The statistics staff see (incidents/suppression.py): a count from 1 to INCIDENTS_MIN_CELL - 1
# is shown as 「3件未満」, and further cells are hidden so it cannot be worked out from totals.
INCIDENTS_MIN_CELL = int(os.environ.get("INCIDENTS_MIN_CELL", "3"))
# Wagtail's database search, fed with Japanese index terms (see search/wagtail_backend.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.wagtail_backend", "SEARCH_CONFIG": "simple"}
}

# The intranet's own search (search/): "database" (SQLite FTS5 or PostgreSQL)
# or "elasticsearch" (ELASTICSEARCH_URL, an index alias named SEARCH_INDEX_NAME).
SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "database")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX_NAME = os.environ.get("SEARCH_INDEX_NAME", "intranet-search")
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "365"))

# Background tasks (Django's tasks API): slow work such as indexing a long
# text for search waits in the database until a worker runs it
# (`manage.py db_worker`; `make run` starts one beside the server). Wagtail's
# own background work (reference index, file clean-up) goes the same way.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Notifications also go out by e-mail when this is on (EMAIL_HOST and friends
# are Django's settings; see README).
NOTIFY_BY_EMAIL = env_bool("NOTIFY_BY_EMAIL", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "intranet@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))

# FAQ view counts are kept in memory and written in batches (faq/view_counts.py).
FAQ_VIEW_FLUSH_EVERY = int(os.environ.get("FAQ_VIEW_FLUSH_EVERY", "50"))
FAQ_VIEW_FLUSH_SECONDS = int(os.environ.get("FAQ_VIEW_FLUSH_SECONDS", "60"))

# A notice's 「未確認の全員に催促する」 is refused again until this many hours have passed.
BULLETIN_REMINDER_INTERVAL_HOURS = float(os.environ.get("BULLETIN_REMINDER_INTERVAL_HOURS", "24"))

# Every handler runs intranet.log_filters.MaskSecrets, so a calendar feed's secret
# (it is in the feed's address) reaches no log: runserver's access log
# (django.server), the console and the administrators' e-mail are all defined
# here, in place of Django's defaults, to carry the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_secrets": {"()": "intranet.log_filters.MaskSecrets"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_secrets"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "mask_secrets"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Background tasks (Wagtail's reference index) log every run at INFO.
    # and the Elasticsearch client logs every request at INFO.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # django-axes logs every failed login at INFO; lockouts at WARNING.
        "axes": {"level": "WARNING"},
        # Django's own loggers, on the handlers above instead of Django's defaults.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}


# django-scheduler lets any logged-in user edit any event unless told otherwise.
# Its views are not mounted here, but its checks still decide for anything that
# asks them: the schedule's own rules (reservations.schedule.rules) answer.


def _scheduler_event_permission(event, user):
    from reservations.schedule.rules import can_edit_event

    return can_edit_event(user, event)


def _scheduler_occurrence_permission(occurrence, user):
    from reservations.schedule.rules import can_edit_event

    return can_edit_event(user, occurrence.event)


def _scheduler_calendar_permission(calendar, user):
    from reservations.schedule.rules import can_add_to_calendar

    return can_add_to_calendar(user, calendar)


CHECK_EVENT_PERM_FUNC = _scheduler_event_permission
CHECK_OCCURRENCE_PERM_FUNC = _scheduler_occurrence_permission
CHECK_CALENDAR_PERM_FUNC = _scheduler_calendar_permission
CALENDAR_VIEW_PERM = True
SHOW_CANCELLED_OCCURRENCES = False

# The city in open data (the standard data sets' 都道府県コード又は市区町村コード,
# 都道府県名 and 市区町村名).
LOCAL_GOVERNMENT_CODE = os.environ.get("LOCAL_GOVERNMENT_CODE", "")
LOCAL_GOVERNMENT_PREFECTURE = os.environ.get("LOCAL_GOVERNMENT_PREFECTURE", "")
LOCAL_GOVERNMENT_NAME = os.environ.get("LOCAL_GOVERNMENT_NAME", "")
