"""Materials at scale: SQL queries and render time of a meeting page and of a library folder.

    .venv/bin/python benchmarks/materials_pages.py                 # 100 materials, 1,000 documents
    .venv/bin/python benchmarks/materials_pages.py --materials 300 --documents 5000
    scripts/with-postgres .venv/bin/python benchmarks/materials_pages.py

Each page is measured twice, first with a tenth of the data and then with
all of it, so the table shows whether the number of queries grows with the
number of materials (it must not). Pages are requested by a staff member of
市民課 (who reads what is for all staff) through Django's test client, the
whole middleware stack and templates included: the meeting page
(``materials:meeting``) and the folder page (``materials:category``, its
first page of 100). Materials are written in bulk and share one stored file:
the pages list files, they do not open them.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_a_fresh_database, markdown_table, timing_cells  # noqa: E402


def measure(client, url, requests):
    """(status, SQL queries of one request, timings in ms of ``requests`` requests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm caches (templates, the site, the session)
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured)  # now: the next request clears Django's query log
    if response.status_code != 200:
        return response.status_code, None, []
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return 200, queries, timings


class Data:
    """A meeting and a library folder, filled in steps; one real upload, the rest in bulk."""

    def __init__(self):
        from django.utils import timezone

        from intranet.models import Department
        from materials import services
        from materials.models import Library, LibraryCategory, Meeting, MeetingSeries
        from tests.factories import staff_member

        self.secretary = Department.objects.create(code="B-SEC", name="政策企画課")
        self.citizens = Department.objects.create(code="B-CIT", name="市民課")
        self.series = MeetingSeries.objects.create(
            name="庁内調整会議", secretary_department=self.secretary
        )
        self.meeting = Meeting.objects.create(
            series=self.series, title="第1回", held_at=timezone.now(), place="第1会議室"
        )
        self.folder = LibraryCategory.objects.create(library=Library.REFERENCE, name="人口統計")
        clerk = staff_member(department=self.secretary)
        from django.core.files.uploadedfile import SimpleUploadedFile

        first = services.add_material(
            user=clerk,
            upload=SimpleUploadedFile("資料.txt", "庁内調整会議の資料です。".encode()),
            title="資料 0000",
            department=self.secretary,
            meeting=self.meeting,
        )
        self.document = first.current.document
        self.reader = staff_member(department=self.citizens)
        self.meeting_count, self.folder_count = 1, 0

    def _add(self, count, **where):
        from materials.models import Material, MaterialVersion

        start = self.meeting_count if "meeting" in where else self.folder_count
        materials = Material.objects.bulk_create(
            Material(
                title=f"資料 {number:04d}",
                description="会議資料の説明",
                department=self.secretary,
                **where,
            )
            for number in range(start, start + count)
        )
        versions = MaterialVersion.objects.bulk_create(
            MaterialVersion(
                material=material,
                document=self.document,
                filename="資料.txt",
                kind="txt",
                size=123_456,
                extraction="done",
            )
            for material in materials
        )
        for material, version in zip(materials, versions, strict=True):
            material.current = version
        Material.objects.bulk_update(materials, ["current"], batch_size=500)

    def fill(self, meeting_materials, folder_documents):
        self._add(meeting_materials - self.meeting_count, meeting=self.meeting)
        self.meeting_count = meeting_materials
        self._add(folder_documents - self.folder_count, category=self.folder)
        self.folder_count = folder_documents


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--materials", type=int, default=100, help="materials of the meeting")
    parser.add_argument("--documents", type=int, default=1000, help="documents in the folder")
    parser.add_argument("--requests", type=int, default=50, help="requests per page")
    args = parser.parse_args()

    django_on_a_fresh_database()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    data = Data()
    client = Client()
    client.force_login(data.reader)
    rows = []
    for share in (10, 1):
        data.fill(max(1, args.materials // share), args.documents // share)
        pages = [
            (
                f"meeting page ({data.meeting_count:,} materials)",
                reverse("materials:meeting", args=[data.meeting.pk]),
            ),
            (
                f"library folder ({data.folder_count:,} documents, first page)",
                reverse("materials:category", args=[data.folder.pk]),
            ),
        ]
        for label, url in pages:
            status, queries, timings = measure(client, url, args.requests)
            if status != 200:
                rows.append([label, f"not measured (HTTP {status})", "", "", ""])
                continue
            rows.append([label, queries, *timing_cells(timings)])

    print(
        f"\n{connection.vendor}, {args.requests} requests per page, "
        "logged in as a staff member of 市民課\n"
    )
    print(markdown_table(["page", "SQL queries", "median ms", "p95 ms", "spread ms"], rows))


if __name__ == "__main__":
    main()
