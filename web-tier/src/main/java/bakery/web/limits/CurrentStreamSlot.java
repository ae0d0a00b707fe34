package bakery.web.limits;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/** The place {@link StreamLimitFilter} took for this request's live stream, for the stream to renew. */
@RequestScoped
public class CurrentStreamSlot {

    private StreamSlots.Slot slot;

    void set(StreamSlots.Slot slot) {
        this.slot = slot;
    }

    public Optional<StreamSlots.Slot> get() {
        return Optional.ofNullable(slot);
    }
}
