package io.github.coalesce.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.coalesce.CoalesceKeyGenerator;
import io.github.coalesce.FlightOptions;
import io.smallrye.mutiny.Uni;

/** How a plan turns a call's arguments into its flight key, and which engine entry point it picks. */
class MethodPlanTest {

    /** Methods whose signatures the plans are made for; never called. */
    interface Shapes {
        String find(long id, String language, int version);

        String all(long id, String language);

        String one(long id);

        String none();

        Uni<String> reactive(long id);

        CompletionStage<String> staged(long id);
    }

    @Test
    void keyPositionsPickTheKeyParametersInOrder() throws Exception {
        MethodPlan plan = plan("find", new short[] { 0, 2 }, null, long.class, String.class, int.class);
        FlightKey key = plan.key(new Object[] { 42L, "en", 3 }, null);
        assertThat(key).isEqualTo(new FlightKey("g", new Object[] { 42L, 3 }, null));
        assertThat(plan.key(new Object[] { 42L, "de", 3 }, null)).as("a non-key parameter does not matter").isEqualTo(key);
        assertThat(plan.key(new Object[] { 42L, "en", 4 }, null)).isNotEqualTo(key);
        assertThat(plan.key(new Object[] { 43L, "en", 3 }, null)).isNotEqualTo(key);
    }

    @Test
    void oneKeyPositionIsTheArgumentItself() throws Exception {
        MethodPlan plan = plan("find", new short[] { 1 }, null, long.class, String.class, int.class);
        assertThat(plan.key(new Object[] { 42L, "en", 3 }, null).key()).isEqualTo("en");
    }

    @Test
    void withoutKeyPositionsEveryParameterIsTheKey() throws Exception {
        MethodPlan plan = plan("all", new short[0], null, long.class, String.class);
        Object[] arguments = { 42L, "en" };
        FlightKey key = plan.key(arguments, null);
        arguments[1] = "de";
        assertThat(key).as("a copy of the arguments").isEqualTo(new FlightKey("g", new Object[] { 42L, "en" }, null));
        assertThat(plan.key(new Object[] { 42L, "de" }, null)).isNotEqualTo(key);

        MethodPlan single = plan("one", new short[0], null, long.class);
        assertThat(single.key(new Object[] { 42L }, null).key()).isEqualTo(42L);
    }

    @Test
    void callsWithoutArgumentsShareOneKey() throws Exception {
        MethodPlan plan = plan("none", new short[0], null);
        assertThat(plan.key(new Object[0], null)).isEqualTo(plan.key(new Object[0], null));
        assertThat(plan.key(new Object[0], null).key()).isNotNull().hasToString("no arguments");
    }

    @Test
    void aKeyGeneratorGetsTheMethodAndTheArgumentsAndItsKeyIsUsed() throws Exception {
        AtomicReference<Method> seen = new AtomicReference<>();
        CoalesceKeyGenerator byLanguage = (method, arguments) -> {
            seen.set(method);
            return "lang:" + arguments[1];
        };
        MethodPlan plan = plan("find", new short[] { 0 }, byLanguage, long.class, String.class, int.class);
        assertThat(plan.key(new Object[] { 42L, "en", 3 }, null)).isEqualTo(new FlightKey("g", "lang:en", null));
        assertThat(plan.key(new Object[] { 43L, "en", 4 }, null)).as("the generator wins over the key positions")
                .isEqualTo(new FlightKey("g", "lang:en", null));
        assertThat(seen.get().getName()).isEqualTo("find");
    }

    @Test
    void theReturnTypePicksTheEntryPoint() throws Exception {
        assertThat(plan("one", new short[0], null, long.class).kind).isEqualTo(MethodPlan.Kind.SYNC);
        assertThat(plan("reactive", new short[0], null, long.class).kind).isEqualTo(MethodPlan.Kind.UNI);
        assertThat(plan("staged", new short[0], null, long.class).kind).isEqualTo(MethodPlan.Kind.STAGE);
        assertThat(MethodPlan.passThrough(Shapes.class.getMethod("one", long.class)).kind)
                .isEqualTo(MethodPlan.Kind.PASS_THROUGH);
    }

    private static MethodPlan plan(String name, short[] keyParameters, CoalesceKeyGenerator generator,
            Class<?>... parameterTypes) throws NoSuchMethodException {
        return new MethodPlan(Shapes.class.getMethod(name, parameterTypes), "g", keyParameters, generator,
                FlightOptions.DEFAULTS, new CoalesceStats("g"), null);
    }
}
