package bakery.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (the npm package, from its Maven Central webjar) run in the page the browser shows: the
 * serious and critical violations of WCAG 2.1 A/AA rules. The script is handed to the browser by
 * the driver, so the pages' Content-Security-Policy stays as strict as it is for customers.
 */
final class Accessibility {

    private static final String AXE = axe();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                                resultTypes: ['violations'] })
              .then(r => done(JSON.stringify(r.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                               where: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })))))
              .catch(e => done(JSON.stringify([{ id: 'axe-failed', impact: 'critical', help: String(e), where: [] }])));
            """;

    private Accessibility() {
    }

    /** The page as it is now has no serious or critical violation; {@code page} names it in the failure. */
    static void assertNoSeriousViolations(WebDriver browser, String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(AXE);
        String json = (String) js.executeAsyncScript(RUN);
        List<Map<String, Object>> violations;
        try {
            violations = new ObjectMapper().readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(violations).as("serious or critical accessibility violations on the %s page", page).isEmpty();
    }

    private static String axe() {
        ClassLoader loader = Accessibility.class.getClassLoader();
        try (InputStream pom = loader.getResourceAsStream("META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            Properties props = new Properties();
            props.load(pom);
            String path = "META-INF/resources/webjars/axe-core/" + props.getProperty("version") + "/axe.min.js";
            try (InputStream script = loader.getResourceAsStream(path)) {
                return new String(script.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("axe-core's webjar is not on the test classpath", e);
        }
    }
}
