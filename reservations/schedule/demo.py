"""Demo schedules: a realistic few weeks for the demo logins.

``load_demo_schedules()`` gives each demo login (demo, kacho, itdesk, itlead,
jimukyoku, sysadmin, where they exist) its entries: the weekday 朝礼, 窓口当番,
a 出張, a 研修, a private appointment; and puts the weekly 課内ミーティング on the
department calendars of 市民課 and 情報政策課. The weeks start on the Monday of
the week it runs in, so the schedule is filled when someone opens it.

It is safe to run again: an entry is known by its calendar and title, and one
that is there already is left as it is.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from schedule.models import Event

from . import entries, services
from .services import EntryData, Repeat

WEEKS = 6


def _at(day, hour_minute):
    hour, minute = (int(part) for part in hour_minute.split(":"))
    return services.aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# (login, title, weekday offset from Monday, start, end, fields)
PERSONAL = [
    ("demo", "朝礼", 0, "08:30", "08:45", {"repeat": Repeat.WEEKLY, "weekdays": [0, 1, 2, 3, 4]}),
    ("demo", "窓口当番", 1, "13:00", "15:00", {"repeat": Repeat.WEEKLY, "weekdays": [1, 3]}),
    ("demo", "情報セキュリティ研修", 7, "14:00", "16:30", {"place": "本庁舎 3階 大会議室"}),
    ("demo", "人間ドック", 10, "08:30", "12:00", {"place": "市民病院", "private": True}),
    ("kacho", "朝礼", 0, "08:30", "08:45", {"repeat": Repeat.WEEKLY, "weekdays": [0, 1, 2, 3, 4]}),
    (
        "kacho",
        "出張（大阪府庁 市町村課）",
        4,
        "00:00",
        "00:00",
        {"all_day": True, "place": "大阪府庁"},
    ),
    ("kacho", "部長会議", 0, "15:00", "16:00", {"repeat": Repeat.WEEKLY, "weekdays": [0]}),
    ("kacho", "管理職研修", 9, "13:30", "17:00", {"place": "大阪府市町村職員研修研究所"}),
    (
        "itdesk",
        "ヘルプデスク当番",
        0,
        "09:00",
        "12:00",
        {"repeat": Repeat.WEEKLY, "weekdays": [0, 2, 4]},
    ),
    (
        "itdesk",
        "情報セキュリティ研修（講師）",
        7,
        "14:00",
        "16:30",
        {"place": "本庁舎 3階 大会議室"},
    ),
    ("itdesk", "ネットワーク機器更新 立会い", 3, "17:30", "20:00", {"place": "本庁舎 サーバ室"}),
    ("itlead", "ベンダー定例", 1, "10:00", "11:00", {"repeat": Repeat.WEEKLY, "weekdays": [1]}),
    (
        "itlead",
        "出張（総務省 説明会）",
        11,
        "00:00",
        "00:00",
        {"all_day": True, "place": "東京都千代田区"},
    ),
    (
        "jimukyoku",
        "ヒヤリ・ハット事例検討会",
        2,
        "15:00",
        "16:30",
        {"place": "本庁舎 4階 第2会議室"},
    ),
    ("jimukyoku", "予算ヒアリング", 8, "10:00", "12:00", {}),
    (
        "sysadmin",
        "バックアップ確認",
        4,
        "16:30",
        "17:00",
        {"repeat": Repeat.WEEKLY, "weekdays": [4]},
    ),
]

# (department code, login who enters it, title, weekday offset, start, end, fields)
DEPARTMENT = [
    (
        "310",
        "kacho",
        "課内ミーティング",
        2,
        "10:00",
        "11:00",
        {"repeat": Repeat.WEEKLY, "weekdays": [2]},
    ),
    (
        "130",
        "itlead",
        "課内ミーティング",
        0,
        "13:30",
        "14:30",
        {"repeat": Repeat.WEEKLY, "weekdays": [0]},
    ),
    ("310", "kacho", "住民異動の繁忙期 応援体制", 14, "00:00", "00:00", {"all_day": True}),
]


def _entry(title, day, start, end, fields, last_day):
    fields = dict(fields)
    if fields.get("all_day"):
        begins = _at(day, "00:00")
        ends = begins + datetime.timedelta(days=1)
    else:
        begins, ends = _at(day, start), _at(day, end)
    if fields.get("repeat", Repeat.NONE) != Repeat.NONE:
        fields["until"] = last_day
    return EntryData(title=title, start=begins, end=ends, **fields)


def _add(user, calendar, data):
    if Event.objects.filter(calendar=calendar, title=data.title).exists():
        return 0
    entries.save_entry(data, user=user, calendar=calendar)
    return 1


def load_demo_schedules(stdout=None, today=None):
    """Add the demo entries that are missing; returns how many were added."""
    today = today or timezone.localdate()
    monday = services.week_start(today)
    last_day = monday + datetime.timedelta(weeks=WEEKS) - datetime.timedelta(days=1)
    users = {
        user.username: user
        for user in get_user_model()
        .objects.filter(username__in={row[0] for row in PERSONAL} | {row[1] for row in DEPARTMENT})
        .select_related("staff_profile__department")
    }
    added = 0
    with transaction.atomic():
        for login, title, offset, start, end, fields in PERSONAL:
            user = users.get(login)
            if user is None:
                continue
            day = monday + datetime.timedelta(days=offset)
            data = _entry(title, day, start, end, fields, last_day)
            added += _add(user, services.personal_calendar(user), data)
        for code, login, title, offset, start, end, fields in DEPARTMENT:
            user = users.get(login)
            profile = getattr(user, "staff_profile", None)
            if profile is None or profile.department.code != code:
                continue
            day = monday + datetime.timedelta(days=offset)
            data = _entry(title, day, start, end, fields, last_day)
            added += _add(user, services.department_calendar(profile.department), data)
    if stdout is not None:
        stdout.write(f"スケジュール：デモの予定{added}件を追加しました。")
    return added
