package io.consortia.node.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.consortia.node.config.ConfigException;
import io.consortia.node.launch.CompilerDirectives.Mode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import org.bouncycastle.math.raw.Nat256;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompilerDirectivesTest {
    private static volatile long sink;

    @AfterEach
    void clear() throws JMException {
        CompilerDirectives.clear(); // this JVM runs other tests after this one
    }

    @Test
    void the_default_mode_adds_the_directives_to_this_jvm() throws JMException {
        assertThat(CompilerDirectives.inForce()).doesNotContain("org/bouncycastle/math/");

        String said = CompilerDirectives.install(Mode.of(null));

        assertThat(said).startsWith("C2 compiles signature verification");
        assertThat(CompilerDirectives.inForce()).contains("org/bouncycastle/math/", "sun/security/provider/",
                "com/dylibso/chicory/");
    }

    @Test
    void mode_all_adds_none() throws JMException {
        assertThat(CompilerDirectives.install(Mode.of(" ALL "))).contains("any code");

        assertThat(CompilerDirectives.inForce()).doesNotContain("org/bouncycastle/math/");
    }

    @Test
    void an_unknown_mode_is_refused_with_the_choices() {
        assertThatThrownBy(() -> Mode.of("fast")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("consortia.node.c2=fast").hasMessageContaining("crypto").hasMessageContaining("all");
    }

    /**
     * What the directives do in a real HotSpot: a hot method outside the list ends compiled by C1
     * (level 1, after C2 refused it), a hot method of the signature arithmetic reaches C2 (level 4).
     */
    @Test
    void hot_code_outside_the_list_stays_with_c1_and_the_signature_arithmetic_reaches_c2() throws JMException {
        CompilerDirectives.install(Mode.CRYPTO);
        int[] x = {1, 2, 3, 4, 5, 6, 7, 8};
        int[] product = new int[16];

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < 20_000; i++) {
                sink += notListed(i);
                Nat256.mul(x, x, product);
            }
            return levels("io.consortia.node.launch.CompilerDirectivesTest.notListed").contains(1)
                    && levels("org.bouncycastle.math.raw.Nat256.mul").contains(4);
        });
        assertThat(levels("io.consortia.node.launch.CompilerDirectivesTest.notListed")).doesNotContain(4);
    }

    private static long notListed(long i) {
        return (i * 31 + 7) ^ (i >>> 3);
    }

    /** The levels at which {@code method} is compiled now, from {@code jcmd <pid> Compiler.codelist}. */
    private static Set<Integer> levels(String method) throws JMException {
        String list = String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerCodelist",
                new Object[] {new String[0]}, new String[] {String[].class.getName()}));
        // a line: <compile id> <level> <state> <class>.<method>(<signature>) [<addresses>]
        return Arrays.stream(list.split("\n")).map(String::trim).map(line -> line.split(" "))
                .filter(f -> f.length > 3 && f[3].startsWith(method + "("))
                .map(f -> Integer.parseInt(f[1])).collect(Collectors.toSet());
    }
}
