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
 * A command shown in a fenced block of a markdown file of the repository (README.md, docs/...), with
 * the output shown under it, so that a test can run the command as written and compare. A command
 * goes on over lines that end in a backslash; {@value #ANY} in an output line stands for any text,
 * and a line of it alone for any lines.
 *
 * @param file the markdown file, relative to the repository
 * @param words the command's words, split at spaces (the docs' commands quote nothing); none for output alone
 * @param output the lines shown under the command
 */
public record DocExample(String file, List<String> words, List<String> output) {
  /** The repository, from the detector module where tests run. */
  public static final Path REPOSITORY = Path.of("..");
  /** The cluster the docs' examples talk to. */
  static final String DOCS_CLUSTER = "kafka:9092";
  static final String ANY = "...";

  /** The one fenced block of {@code file} whose first line starts with {@code prefix}, a command and its output. */
  public static DocExample startingWith(String file, String prefix) throws IOException {
    List<String> block = single(file, prefix, b -> !b.isEmpty() && b.get(0).startsWith(prefix));
    int end = 0;
    while (block.get(end).endsWith("\\")) {
      end++;
    }
    String command = block.subList(0, end + 1).stream().map(line -> line.replaceFirst("\\\\$", ""))
        .collect(Collectors.joining(" "));
    return new DocExample(file, List.of(command.strip().split(" +")), block.subList(end + 1, block.size()));
  }

  /** The one fenced block of {@code file} whose first line starts with {@code prefix}, all of it output. */
  public static DocExample output(String file, String prefix) throws IOException {
    return new DocExample(file, List.of(), single(file, prefix, b -> !b.isEmpty() && b.get(0).startsWith(prefix)));
  }

  /** The one fenced block of {@code file} that holds a line equal to {@code line}, as text. */
  static String code(String file, String line) throws IOException {
    return String.join("\n", single(file, line, b -> b.contains(line))) + "\n";
  }

  /** The command with its first word replaced by {@code program} and the docs' cluster by {@code bootstrapServers}. */
  public List<String> command(List<String> program, String bootstrapServers) {
    List<String> command = new ArrayList<>(program);
    words.subList(1, words.size()).forEach(word -> command.add(word.equals(DOCS_CLUSTER) ? bootstrapServers : word));
    return command;
  }

  /** Asserts that every output line shown matches one of {@code lines}. */
  public void assertShownIn(List<String> lines) {
    for (String shown : output) {
      if (!shown.equals(ANY)) {
        Pattern pattern = Pattern.compile(Arrays.stream(shown.split(Pattern.quote(ANY), -1)).map(Pattern::quote)
            .collect(Collectors.joining(".*")));
        assertThat(lines).as(file + " shows " + shown).anyMatch(line -> pattern.matcher(line).matches());
      }
    }
  }

  private static List<String> single(String file, String what, Predicate<List<String>> which) throws IOException {
    List<List<String>> found = blocks(file).stream().filter(which).toList();
    assertThat(found).as(file + " blocks with " + what).hasSize(1);
    return found.get(0);
  }

  /** The lines of every fenced block of {@code file}. */
  private static List<List<String>> blocks(String file) throws IOException {
    List<List<String>> blocks = new ArrayList<>();
    List<String> block = null;
    for (String line : Files.readAllLines(REPOSITORY.resolve(file))) {
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
