import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads files as Spark reads them, and prints them as JSON for the differential test: with
 * {@code yaml FILE...} every YAML document of each file through SnakeYAML (the parser under Spark's pod
 * template loading), one JSON array per file and line; with {@code properties FILE...} each file
 * through java.util.Properties read as UTF-8 (as Spark reads spark-defaults.conf), one JSON object
 * per file and line. A failure prints {"error": "..."} for that file.
 */
public class ParseAsSpark {
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    for (int i = 1; i < args.length; i++) {
      try (Reader reader = new InputStreamReader(new FileInputStream(args[i]), StandardCharsets.UTF_8)) {
        if (args[0].equals("yaml")) {
          LoaderOptions options = new LoaderOptions();
          options.setCodePointLimit(64 * 1024 * 1024);
          List<Object> docs = new ArrayList<>();
          for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(reader)) {
            if (doc != null) docs.add(doc);
          }
          out.println(json(docs));
        } else {
          Properties properties = new Properties();
          properties.load(reader);
          Map<String, Object> sorted = new TreeMap<>();
          for (String key : properties.stringPropertyNames()) sorted.put(key, properties.getProperty(key));
          out.println(json(sorted));
        }
      } catch (Exception e) {
        out.println("{\"error\":" + json(String.valueOf(e)) + "}");
      }
    }
  }

  static String json(Object value) {
    if (value == null) return "null";
    if (value instanceof String) return quote((String) value);
    if (value instanceof Boolean || value instanceof Integer || value instanceof Long || value instanceof BigInteger) return value.toString();
    if (value instanceof Double) {
      double d = (Double) value;
      return Double.isFinite(d) ? value.toString() : quote(value.toString());
    }
    if (value instanceof byte[]) return quote(Base64.getEncoder().encodeToString((byte[]) value));
    if (value instanceof Map) {
      StringBuilder b = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (b.length() > 1) b.append(',');
        b.append(quote(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
      }
      return b.append('}').toString();
    }
    if (value instanceof List) {
      StringBuilder b = new StringBuilder("[");
      for (Object item : (List<?>) value) {
        if (b.length() > 1) b.append(',');
        b.append(json(item));
      }
      return b.append(']').toString();
    }
    return quote(value.getClass().getSimpleName() + ":" + value);
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || (c >= 0xd800 && c <= 0xdfff)) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    return b.append('"').toString();
  }
}
