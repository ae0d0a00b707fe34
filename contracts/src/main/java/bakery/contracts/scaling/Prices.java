package bakery.contracts.scaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The price file ({@code deploy/prices.yaml}): what one instance of each size costs per hour, set by
 * whoever runs the bakery. Turns the policy's instance-hours into money.
 */
public record Prices(String currency, Map<String, BigDecimal> perHour) {

    /** Where the prices live in the repository. */
    public static final String FILE = "deploy/prices.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Prices {
        if (currency == null || currency.isBlank() || perHour == null || perHour.isEmpty()) {
            throw new IllegalArgumentException("needs a currency and perHour prices by instance size");
        }
        perHour = Map.copyOf(perHour);
        perHour.forEach((size, price) -> {
            if (price == null || price.signum() < 0) {
                throw new IllegalArgumentException("the price of size " + size + " must be 0 or more, was " + price);
            }
        });
    }

    /** The prices as this build ships them in the contracts jar (a copy of {@link #FILE}). */
    public static Prices shipped() {
        try (InputStream in = Prices.class.getResourceAsStream("prices.yaml")) {
            if (in == null) {
                throw new IllegalStateException("prices.yaml is not in the contracts jar");
            }
            return YAML.readValue(in, Prices.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Prices read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return YAML.readValue(in, Prices.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One instance of this service for one hour. */
    public BigDecimal hourly(ServicePolicy service) {
        BigDecimal price = perHour.get(service.size());
        if (price == null) {
            throw new IllegalArgumentException(service.name() + " runs on size " + service.size()
                    + ", which the price file does not price; it prices " + perHour.keySet());
        }
        return price;
    }
}
