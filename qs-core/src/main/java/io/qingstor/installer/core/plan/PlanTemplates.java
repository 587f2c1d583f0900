package io.qingstor.installer.core.plan;

import freemarker.cache.TemplateLoader;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The FreeMarker templates of one plan directory, configured strictly: a missing variable is an
 * error (never an empty string), numbers render without grouping ({@code computer} format),
 * booleans need {@code ?c} or {@code ?then}, and templates cannot reach Java classes. FreeMarker
 * was picked over Mustache-style engines for exactly that strictness and for its conditionals and
 * loops over lists (nodes by role, storage clusters) that config files need.
 */
public final class PlanTemplates {
  private final Configuration configuration;

  /** Templates read from {@code directory} (a plan directory, possibly inside a jar). */
  public PlanTemplates(Path directory) {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setTemplateLoader(new DirectoryLoader(directory));
    cfg.setDefaultEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("computer");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    cfg.setLocalizedLookup(false);
    cfg.setAPIBuiltinEnabled(false);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    this.configuration = cfg;
  }

  /**
   * The parsed template at {@code relative} (cached).
   *
   * @throws IOException when it cannot be read or does not parse (the message says where)
   */
  public Template template(String relative) throws IOException {
    return configuration.getTemplate(relative);
  }

  /** Reads templates by plan-relative name; FreeMarker has already refused names with "..". */
  private static final class DirectoryLoader implements TemplateLoader {
    private final Path directory;

    DirectoryLoader(Path directory) {
      this.directory = directory;
    }

    @Override
    public Object findTemplateSource(String name) {
      Path file = PlanDirectory.resolve(directory, name, "template " + name);
      return Files.isRegularFile(file) ? file : null;
    }

    @Override
    public long getLastModified(Object source) {
      return -1;
    }

    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
      return Files.newBufferedReader((Path) source, StandardCharsets.UTF_8);
    }

    @Override
    public void closeTemplateSource(Object source) {
      // nothing held open between reads
    }
  }
}
