package bakery.web.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

import bakery.defaults.RedisScript;

/**
 * Rate limits shared by every web node: one Redis key per bucket holding its "theoretical arrival
 * time" (GCRA, the generic cell rate algorithm). A bucket of {@code count} per {@code period} lets a
 * burst of {@code count} through, then one request every {@code period / count}; a refused request
 * learns exactly how long to wait. All buckets of a request are checked and charged in one script
 * on Redis' own clock, so nodes with drifting clocks agree and two nodes never both take the last
 * place. A bucket's key expires as soon as it is full again.
 * <p>
 * A bucket carries no shape version: it is a bare number a release only compares with the clock, and one that means
 * something else would be a new key (docs/upgrades.md, "Redis values").
 */
@ApplicationScoped
public class RateLimits {

    /**
     * KEYS: the buckets. ARGV[1]: 1 = charge even when over (something that already happened), 0 =
     * charge only when every bucket has room. Then per bucket: interval ms, period ms, cost. Returns
     * 0 when there was room, else the ms until there is.
     */
    private static final RedisScript TAKE = new RedisScript("""
            local clock = redis.call('TIME')
            local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
            local wait = 0
            local tats = {}
            for i = 1, #KEYS do
              local interval = tonumber(ARGV[3 * i - 1])
              local period = tonumber(ARGV[3 * i])
              local tat = tonumber(redis.call('GET', KEYS[i]) or now)
              if tat < now then tat = now end
              tats[i] = tat
              local over = tat + interval - now - period
              if over > wait then wait = over end
            end
            if wait > 0 and ARGV[1] ~= '1' then return wait end
            for i = 1, #KEYS do
              local cost = tonumber(ARGV[3 * i + 1])
              if cost > 0 then
                local tat = tats[i] + tonumber(ARGV[3 * i - 1]) * cost
                redis.call('SET', KEYS[i], string.format('%d', tat), 'PX', math.max(1, tat - now))
              end
            end
            return 0
            """);

    @Inject
    ReactiveRedisDataSource redis;

    /** Takes each allowance's cost if every bucket has room; else takes nothing and says how long to wait. */
    public Uni<Optional<RetryAfter>> take(List<Allowance> allowances) {
        return run(false, allowances).map(wait -> wait > 0 ? Optional.of(RetryAfter.ofMillis(wait)) : Optional.empty());
    }

    /** Charges each allowance's cost whatever the room (a failed sign-in happened; it counts). */
    public Uni<Void> charge(List<Allowance> allowances) {
        return run(true, allowances).replaceWithVoid();
    }

    private Uni<Long> run(boolean force, List<Allowance> allowances) {
        if (allowances.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        List<String> keys = new ArrayList<>(allowances.size());
        List<Object> args = new ArrayList<>(allowances.size() * 3 + 1);
        args.add(force ? 1 : 0);
        for (Allowance a : allowances) {
            keys.add(a.key());
            args.add(a.intervalMillis());
            args.add(a.period().toMillis());
            args.add(a.cost());
        }
        return TAKE.run(redis, keys, args.toArray()).map(r -> r.toLong());
    }
}
