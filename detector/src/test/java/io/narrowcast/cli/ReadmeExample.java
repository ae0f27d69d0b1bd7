package io.narrowcast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A command shown in a fenced block of README.md, with the output shown under it, so that a test can
 * run the command as written and compare. A command goes on over lines that end in a backslash;
 * {@value #ANY} in an output line stands for any text, and a line of it alone for any lines.
 *
 * @param words the command's words, split at spaces (README's commands quote nothing)
 * @param output the lines shown under the command
 */
record ReadmeExample(List<String> words, List<String> output) {
  /** The repository, from the detector module where tests run. */
  static final Path REPOSITORY = Path.of("..");
  /** The cluster README's examples talk to. */
  static final String README_CLUSTER = "kafka:9092";
  static final String ANY = "...";

  /** The one fenced block of README.md whose first line starts with {@code prefix}. */
  static ReadmeExample startingWith(String prefix) throws IOException {
    List<String> block = single(prefix, b -> !b.isEmpty() && b.get(0).startsWith(prefix));
    int end = 0;
    while (block.get(end).endsWith("\\")) {
      end++;
    }
    String command = block.subList(0, end + 1).stream().map(line -> line.replaceFirst("\\\\$", ""))
        .collect(Collectors.joining(" "));
    return new ReadmeExample(List.of(command.strip().split(" +")), block.subList(end + 1, block.size()));
  }

  /** The one fenced block of README.md that holds a line equal to {@code line}, as text. */
  static String code(String line) throws IOException {
    return String.join("\n", single(line, b -> b.contains(line))) + "\n";
  }

  /** The command with its first word replaced by {@code program} and README's cluster by {@code bootstrapServers}. */
  List<String> command(List<String> program, String bootstrapServers) {
    List<String> command = new ArrayList<>(program);
    words.subList(1, words.size()).forEach(word -> command.add(word.equals(README_CLUSTER) ? bootstrapServers : word));
    return command;
  }

  /** Asserts that every output line shown matches one of {@code lines}. */
  void assertShownIn(List<String> lines) {
    for (String shown : output) {
      if (!shown.equals(ANY)) {
        Pattern pattern = Pattern.compile(Arrays.stream(shown.split(Pattern.quote(ANY), -1)).map(Pattern::quote)
            .collect(Collectors.joining(".*")));
        assertThat(lines).as("README shows " + shown).anyMatch(line -> pattern.matcher(line).matches());
      }
    }
  }

  private static List<String> single(String what, Predicate<List<String>> which) throws IOException {
    List<List<String>> found = blocks().stream().filter(which).toList();
    assertThat(found).as("README.md blocks with " + what).hasSize(1);
    return found.get(0);
  }

  /** The lines of every fenced block of README.md. */
  private static List<List<String>> blocks() throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (String line : Files.readAllLines(REPOSITORY.resolve("README.md"))) {
      if (line.startsWith("```")) {
        if (block == null) {
          block = new ArrayList<>();
        } else {
          blocks.add(block);
          block = null;
        }
      } else if (block != null) {
        block.add(line);
      }
    }
    return blocks;
  }
}
