package io.consortia.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which StatefulSet gets its new pod template, and which keep their live one for now. */
class StagedRolloutTest {

    @Test
    void one_statefulset_rolls_while_the_others_have_settled_and_the_rest_keep_their_live_template() {
        Map<String, StatefulSet> live = Map.of("org1", set("org1", "v1", 1, "r1", "r1"),
                "org2", set("org2", "v1", 1, "r1", "r1"), "org3", set("org3", "v1", 1, "r1", "r1"));

        StagedRollout.Plan plan = StagedRollout.plan(desired("v2", "org1", "org2", "org3"), live);

        assertThat(plan.started()).isEqualTo("org1");
        assertThat(plan.waiting()).containsExactly("org2", "org3");
        assertThat(plan.objects()).extracting(StagedRolloutTest::image).containsExactly("v2", "v1", "v1");
        assertThat(plan.objects()).extracting(o -> ((StatefulSet) o).getSpec().getReplicas())
                .as("every other field is applied").containsExactly(2, 2, 2);
    }

    @Test
    void nobody_else_starts_while_one_is_mid_roll_or_has_a_pod_that_is_not_ready() {
        Map<String, StatefulSet> rolling = Map.of("org1", set("org1", "v2", 0, "r1", "r2"),
                "org2", set("org2", "v1", 1, "r1", "r1"));
        assertThat(StagedRollout.plan(desired("v2", "org1", "org2"), rolling).waiting()).containsExactly("org2");

        Map<String, StatefulSet> crashed = Map.of("org1", set("org1", "v2", 0, "r2", "r2"),
                "org2", set("org2", "v1", 1, "r1", "r1"));
        assertThat(StagedRollout.plan(desired("v2", "org1", "org2"), crashed).started()).isNull();
    }

    @Test
    void an_organisation_without_a_ready_pod_takes_its_fix_even_while_another_is_broken_too() {
        Map<String, StatefulSet> live = Map.of("org1", set("org1", "v1", 0, "r1", "r1"),
                "org2", set("org2", "v1", 0, "r1", "r1"), "org3", set("org3", "v1", 1, "r1", "r1"));

        StagedRollout.Plan first = StagedRollout.plan(desired("v2", "org1", "org2", "org3"), live);
        assertThat(first.started()).isEqualTo("org1");
        assertThat(first.waiting()).containsExactly("org2", "org3");

        Map<String, StatefulSet> next = Map.of("org1", set("org1", "v2", 0, "r1", "r2"),
                "org2", set("org2", "v1", 0, "r1", "r1"), "org3", set("org3", "v1", 1, "r1", "r1"));
        StagedRollout.Plan second = StagedRollout.plan(desired("v2", "org1", "org2", "org3"), next);
        assertThat(second.started()).as("org2 has nothing left to lose").isEqualTo("org2");
        assertThat(second.waiting()).containsExactly("org3");
    }

    private static List<HasMetadata> desired(String image, String... names) {
        return List.of(names).stream().<HasMetadata>map(n -> {
            StatefulSet set = set(n, image, 0, null, null);
            set.getSpec().setReplicas(2);
            set.setStatus(null);
            return set;
        }).toList();
    }

    private static StatefulSet set(String name, String image, int ready, String current, String update) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withGeneration(3L).endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("node")
                .withImage(image).endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withObservedGeneration(3L).withReplicas(1).withReadyReplicas(ready)
                .withCurrentRevision(current).withUpdateRevision(update).endStatus().build();
    }

    private static String image(HasMetadata object) {
        return ((StatefulSet) object).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
    }
}
