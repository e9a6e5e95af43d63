package io.consortia.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Consortia platform: the control plane people talk to. Starts on embedded defaults
 * (H2 under {@code ./data}, port 8080): {@code java -jar platform/target/consortia-platform.jar}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlatformApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformApplication.class, args);
    }
}
