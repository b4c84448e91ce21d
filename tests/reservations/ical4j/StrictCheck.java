import java.io.FileInputStream;
import java.io.InputStream;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationResult;

/**
 * Parses each iCalendar file named on the command line with ical4j, strictly
 * (relaxed parsing, unfolding and validation all off, as ical4j starts), then
 * validates it against RFC 5545 and RFC 5546. Prints one line per file: "OK path"
 * or "ERROR path: message"; exits 1 if any file failed.
 */
public class StrictCheck {
    public static void main(String[] args) throws Exception {
        System.setProperty("ical4j.parsing.relaxed", "false");
        System.setProperty("ical4j.unfolding.relaxed", "false");
        System.setProperty("ical4j.validation.relaxed", "false");
        boolean failed = false;
        for (String path : args) {
            try (InputStream in = new FileInputStream(path)) {
                Calendar calendar = new CalendarBuilder().build(in);
                ValidationResult result = calendar.validate();
                boolean errors = false;
                for (ValidationEntry entry : result.getEntries()) {
                    if (entry.getSeverity() == ValidationEntry.Severity.ERROR) {
                        System.out.println("ERROR " + path + ": " + entry.getContext() + ": "
                                + entry.getMessage());
                        errors = true;
                    }
                }
                if (errors) {
                    failed = true;
                } else {
                    System.out.println("OK " + path);
                }
            } catch (Exception error) {
                System.out.println("ERROR " + path + ": " + error);
                failed = true;
            }
        }
        System.exit(failed ? 1 : 0);
    }
}
