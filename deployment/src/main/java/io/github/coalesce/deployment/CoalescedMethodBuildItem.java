package io.github.coalesce.deployment;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import io.quarkus.builder.item.MultiBuildItem;

/** A valid {@code @Coalesce} method found at build time, with its flight group and key parameter positions. */
public final class CoalescedMethodBuildItem extends MultiBuildItem {

    private final MethodInfo method;
    private final String group;
    private final short[] keyParameters;
    private final DotName keyGenerator;
    private final AnnotationInstance coalesce;
    private final String clusterResultType;

    public CoalescedMethodBuildItem(MethodInfo method, String group, short[] keyParameters, DotName keyGenerator,
            AnnotationInstance coalesce) {
        this(method, group, keyParameters, keyGenerator, coalesce, null);
    }

    public CoalescedMethodBuildItem(MethodInfo method, String group, short[] keyParameters, DotName keyGenerator,
            AnnotationInstance coalesce, String clusterResultType) {
        this.clusterResultType = clusterResultType;
        this.method = method;
        this.group = group;
        this.keyParameters = keyParameters;
        this.keyGenerator = keyGenerator;
        this.coalesce = coalesce;
    }

    /** @return a {@code @Coalesce} member as written (on the method, or on its class), or "" when not set */
    public String setting(String member) {
        AnnotationValue value = coalesce.value(member);
        return value == null ? "" : value.asString();
    }

    public MethodInfo method() {
        return method;
    }

    /** The flight group: {@code @Coalesce(name)} or {@code declaring.Class#method(ParamType,…)}. */
    public String group() {
        return group;
    }

    /** Positions of the {@code @CoalesceKey} parameters; empty means every parameter. */
    public short[] keyParameters() {
        return keyParameters.clone();
    }

    /** @return whether calls share executions across instances ({@code scope = CLUSTER}, or the default scope) */
    public boolean cluster() {
        return clusterResultType != null;
    }

    /** @return the result type as Jackson's canonical name, for a cluster-scoped method; otherwise {@code null} */
    public String clusterResultType() {
        return clusterResultType;
    }

    /** @return whether the method says {@code @Coalesce(shareAcrossPrincipals = true)} (on it, or on its class) */
    public boolean sharedAcrossPrincipals() {
        AnnotationValue value = coalesce.value("shareAcrossPrincipals");
        return value != null && value.asBoolean();
    }

    /** The key generator class, or {@code null} when the key comes from the parameters. */
    public DotName keyGenerator() {
        return keyGenerator;
    }
}
