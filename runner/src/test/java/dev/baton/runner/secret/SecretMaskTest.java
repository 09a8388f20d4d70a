package dev.baton.runner.secret;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {

    private static final String OPENAI = "sk-proj-4f9a1c77e2b0d35e";
    private static final String ANTHROPIC = "sk-ant-api03-77aa19cc0e";

    private final SecretMask mask = SecretMask.of(Map.of("OPENAI_API_KEY", OPENAI, "ANTHROPIC_API_KEY", ANTHROPIC));

    @TempDir
    Path folder;

    @Test
    void aLineShowsStarsWhereAValueWas() {
        assertThat(mask.mask("export OPENAI_API_KEY=" + OPENAI + "; curl -H 'x-api-key: " + ANTHROPIC + "'"))
                .isEqualTo("export OPENAI_API_KEY=***; curl -H 'x-api-key: ***'");
        assertThat(mask.mask("nothing secret here")).isEqualTo("nothing secret here");
        assertThat(mask.mask(null)).isNull();
    }

    @Test
    void aValueInsideALongerOneIsHiddenWithIt() {
        SecretMask nested = SecretMask.of(Map.of("SHORT_KEY", "abcdefgh", "LONG_KEY", "abcdefgh-ijklmnop"));

        assertThat(nested.mask("a abcdefgh-ijklmnop b abcdefgh")).isEqualTo("a *** b ***");
    }

    @Test
    void valuesTooShortToTellApartFromTextAreIgnored() {
        SecretMask shortOnes = SecretMask.of(Map.of("PIN", "1234567", "EMPTY", ""));

        assertThat(shortOnes.isEmpty()).isTrue();
        assertThat(shortOnes.mask("pin 1234567")).isEqualTo("pin 1234567");
        assertThat(SecretMask.NONE.mask("x " + OPENAI)).isEqualTo("x " + OPENAI);
    }

    @Test
    void aFileIsMaskedInPlaceKeepingItsLengthAndSaysWhichKeysItHeld() throws Exception {
        Path file = folder.resolve("agent.stdout");
        String text = "{\"type\":\"tool\",\"output\":\"" + OPENAI + "\"}\nplain line\n" + OPENAI + "\n";
        Files.writeString(file, text);

        assertThat(mask.maskFile(file)).containsExactly("OPENAI_API_KEY");

        String masked = Files.readString(file);
        assertThat(masked).hasSameSizeAs(text).doesNotContain(OPENAI).contains("plain line")
                .contains("*".repeat(OPENAI.length()));
        assertThat(mask.maskFile(file)).isEmpty();
        assertThat(mask.maskFile(folder.resolve("missing"))).isEmpty();
    }

    @Test
    void aValueAcrossTheBoundaryOfTwoChunksIsFound() throws Exception {
        Path file = folder.resolve("big.stdout");
        int chunk = 1 << 20;
        byte[] padding = "x".repeat(chunk - 5).getBytes(StandardCharsets.US_ASCII);
        byte[] tail = (ANTHROPIC + " and again " + ANTHROPIC + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[padding.length + tail.length];
        System.arraycopy(padding, 0, content, 0, padding.length);
        System.arraycopy(tail, 0, content, padding.length, tail.length);
        Files.write(file, content);

        assertThat(mask.maskFile(file)).containsExactly("ANTHROPIC_API_KEY");

        byte[] after = Files.readAllBytes(file);
        assertThat(after).hasSameSizeAs(content);
        assertThat(new String(after, StandardCharsets.US_ASCII)).doesNotContain(ANTHROPIC)
                .endsWith("*".repeat(ANTHROPIC.length()) + " and again " + "*".repeat(ANTHROPIC.length()) + "\n");
    }

    @Test
    void aCopyHidesTheValuesAcrossChunksAndKeepsTheLength() throws Exception {
        String text = "y".repeat((1 << 20) - 3) + OPENAI + "\n" + "z".repeat(1 << 20) + ANTHROPIC;
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        mask.copyMasked(new ByteArrayInputStream(content), out);

        String copied = out.toString(StandardCharsets.US_ASCII);
        assertThat(copied).hasSameSizeAs(text).doesNotContain(OPENAI).doesNotContain(ANTHROPIC)
                .isEqualTo(text.replace(OPENAI, "*".repeat(OPENAI.length()))
                        .replace(ANTHROPIC, "*".repeat(ANTHROPIC.length())));
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        SecretMask.NONE.copyMasked(new ByteArrayInputStream(content), plain);
        assertThat(plain.toByteArray()).isEqualTo(content);
    }

    @Test
    void itsTextNeverShowsAValue() {
        assertThat(mask).hasToString("SecretMask[2 values]");
        assertThat(new ProviderKeyAccess.Keys(Map.of("OPENAI_API_KEY", OPENAI), java.util.List.of()).toString())
                .contains("OPENAI_API_KEY").doesNotContain(OPENAI);
    }
}
