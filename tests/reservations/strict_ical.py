"""A second, independent iCalendar parser for the feed tests: ical4j, strictly, in Java.

ical4j is what many calendar servers and Java clients use, and it refuses what
the icalendar library lets through (METHOD:PUBLISH without an ORGANIZER, for
one). ``problems(paths)`` runs ``ical4j/StrictCheck.java`` once over all files
and returns {path: [error, ...]} for the files it rejected. The jars come from
Maven Central through ``ical4j/pom.xml`` (scripts/ensure-test-servers fetches them).
"""

import shutil
import subprocess
from pathlib import Path

from tests.conftest import require_server

HERE = Path(__file__).parent / "ical4j"


def _class_path(output):
    for offline in (["-o"], []):
        done = subprocess.run(
            [
                "mvn",
                "-q",
                *offline,
                "-f",
                str(HERE / "pom.xml"),
                "dependency:build-classpath",
                f"-Dmdep.outputFile={output}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if done.returncode == 0:
            return output.read_text().strip()
    require_server(f"ical4j could not be fetched with Maven: {done.stdout[-500:]}")


def problems(paths, workdir):
    """Each rejected file's errors, as ical4j's strict parser and validator report them."""
    if shutil.which("java") is None or shutil.which("mvn") is None:
        require_server("Java and Maven run the strict iCalendar parser (ical4j)")
    class_path = _class_path(Path(workdir) / "ical4j.classpath")
    done = subprocess.run(
        ["java", "-cp", class_path, str(HERE / "StrictCheck.java"), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    found = {}
    for line in done.stdout.splitlines():
        if line.startswith("ERROR "):
            path, _colon, message = line[len("ERROR ") :].partition(": ")
            found.setdefault(path, []).append(message)
    if done.returncode != 0 and not found:
        raise AssertionError(f"ical4j did not run: {done.stderr[-2000:]}")
    return found
