package dev.baton;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Baton: one jar that serves the API, the board UI, and runs the event-sourced core. */
@SpringBootApplication
@EnableScheduling
public class BatonApplication {

    public static void main(String[] args) {
        // H2 hashes every string it is given to share equal values through a cache; with the JSON of read models and
        // timeline entries that was 5 % of a replay's CPU, for no gain
        if (System.getProperty("h2.objectCache") == null) {
            System.setProperty("h2.objectCache", "false");
        }
        SpringApplication.run(BatonApplication.class, args);
    }
}
