package de.timkim.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer reads a class in one sitting and a method on one screen: no main source file over
 * {@value #MAX_CLASS_LINES} lines, no method or constructor over {@value #MAX_METHOD_LINES} (from
 * its declaration to its closing brace, lambdas inside included).
 */
class SizeLimitsTest {

  static final int MAX_CLASS_LINES = 400;
  static final int MAX_METHOD_LINES = 60;

  private static List<Path> mainSources() throws IOException {
    Path root = Path.of(System.getProperty("arch.root", ".."));
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> p.toString().contains("/src/main/java/"))
          .filter(
              p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
          .sorted()
          .toList();
    }
  }

  @Test
  void noClassIsLongerThanOneSitting() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : mainSources()) {
      long lines;
      try (Stream<String> s = Files.lines(file)) {
        lines = s.count();
      }
      if (lines > MAX_CLASS_LINES) {
        tooLong.add(file.getFileName() + " (" + lines + " lines)");
      }
    }
    assertEquals(List.of(), tooLong, "classes over " + MAX_CLASS_LINES + " lines");
  }

  @Test
  void noMethodIsLongerThanOneScreen() throws IOException {
    JavaParser parser =
        new JavaParser(new ParserConfiguration().setLanguageLevel(LanguageLevel.JAVA_17));
    List<String> tooLong = new ArrayList<>();
    for (Path file : mainSources()) {
      CompilationUnit unit =
          parser
              .parse(file)
              .getResult()
              .orElseThrow(() -> new IllegalStateException("cannot parse " + file));
      for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
        int lines =
            callable.getEnd().orElseThrow().line - callable.getBegin().orElseThrow().line + 1;
        if (lines > MAX_METHOD_LINES) {
          tooLong.add(file.getFileName() + "#" + callable.getNameAsString() + " (" + lines + ")");
        }
      }
    }
    assertEquals(List.of(), tooLong, "methods over " + MAX_METHOD_LINES + " lines");
  }
}
