package io.qingstor.installer.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON codec of the wire protocol. Its mapper is configured once: snake_case names,
 * null fields left out, strict JSON (no trailing content, no duplicate keys, low nesting and
 * length limits), booleans as true/false or 0/1, no coercion of strings to numbers or back, and
 * unknown keys rejected inside typed sub-objects (request records themselves ignore unknown
 * top-level fields). Thread-safe.
 */
public final class JsonCodec {
  /** Deepest nesting accepted; real requests are under 10 levels deep. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longest string value accepted (an SSH private key is a few KiB). */
  public static final int MAX_STRING_LENGTH = 256 * 1024;
  /** Longest number accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 32;
  /** Longest object key accepted. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final String ERROR_ACTION = "ErrorResponse";
  /** A message of the form {@code "ErrorName, detail"}. */
  private static final Pattern NAMED_MESSAGE = Pattern.compile("([A-Za-z]+), (.*)", Pattern.DOTALL);

  private final ObjectMapper mapper;
  private final Map<Action, byte[]> successHeads;

  /** A codec with its own mapper from {@link #newMapper()}. */
  public JsonCodec() {
    this.mapper = newMapper();
    this.successHeads = successHeads(mapper);
  }

  /** A new mapper with the protocol's configuration; every part of the project uses this one. */
  public static ObjectMapper newMapper() {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .build())
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    SimpleModule strictScalars = new SimpleModule("qs-strict-scalars")
        .addDeserializer(Boolean.class, new StrictBooleanDeserializer())
        .addDeserializer(boolean.class, new StrictBooleanDeserializer());
    JsonMapper mapper = JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .addModule(strictScalars)
        // A null inside a list or map is refused naming its index, not an NPE in a record.
        .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
        .withConfigOverride(Map.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
        .build();
    for (CoercionInputShape shape : List.of(
        CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
      mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    return mapper;
  }

  /** The configured mapper, for other JSON of the project (state files, configs). */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Encodes a request as a client sends it: {@code action}, {@code USER_ID}, {@code PASSWORD}
   * and the request's own fields.
   */
  public byte[] encodeRequest(Action action, Credentials credentials, ApiRequest request) {
    ObjectNode body = mapper.createObjectNode();
    body.put("action", action.wireName());
    if (credentials != null) {
      body.setAll((ObjectNode) mapper.valueToTree(credentials));
    }
    body.setAll((ObjectNode) mapper.valueToTree(request));
    return write(body);
  }

  /**
   * Decodes a request body into its action, credentials and typed request.
   *
   * @throws ActionRequestException InvalidRequest naming the field and the action, for a known
   *     action's wrong type, unknown key or invalid value
   * @throws QsApiException InvalidRequest naming the field, for malformed JSON, a body that is
   *     not an object, or a missing or unknown action
   */
  public RequestEnvelope decodeRequest(byte[] body) {
    JsonNode tree = readTree(body);
    if (!tree.isObject()) {
      throw new QsApiException(RetCode.INVALID_REQUEST,
          "the request body must be a JSON object, not " + kind(tree));
    }
    JsonNode actionNode = tree.get("action");
    if (actionNode == null || !actionNode.isTextual()) {
      throw QsApiException.invalidField("action", "missing parameter: a string naming the action");
    }
    Action action = Action.fromWireName(actionNode.textValue()).orElseThrow(() ->
        QsApiException.invalidField("action", "unknown action '" + abbreviate(actionNode.textValue())
            + "'"));
    try {
      Credentials credentials = new Credentials(text(tree, "USER_ID"), text(tree, "PASSWORD"));
      return new RequestEnvelope(action, credentials, convert(tree, action.requestType()));
    } catch (QsApiException e) {
      throw new ActionRequestException(action, e);
    }
  }

  /** Encodes a success: {@code action}, {@code ret_code: 0} and the response's fields. */
  public byte[] encodeResponse(Action action, ApiResponse response) {
    // The response is serialised once, straight to bytes, and spliced after the envelope's two
    // fields: building a tree first (valueToTree, then writing it) cost twice as much, and this
    // runs for every status poll. Same bytes: no response type has an action or ret_code field.
    byte[] fields = write(response);
    if (fields.length < 2 || fields[0] != '{') {
      throw new IllegalStateException(
          response.getClass().getSimpleName() + " does not serialise as a JSON object");
    }
    byte[] head = successHeads.get(action);
    boolean empty = fields.length == 2; // "{}"
    byte[] body = new byte[head.length + fields.length - (empty ? 1 : 0)];
    System.arraycopy(head, 0, body, 0, head.length);
    if (empty) {
      body[head.length] = '}';
    } else {
      body[head.length] = ',';
      System.arraycopy(fields, 1, body, head.length + 1, fields.length - 1);
    }
    return body;
  }

  /** {@code {"action":"<response name>","ret_code":0} without its closing brace, per action. */
  private static Map<Action, byte[]> successHeads(ObjectMapper mapper) {
    Map<Action, byte[]> heads = new EnumMap<>(Action.class);
    for (Action action : Action.values()) {
      ObjectNode head = mapper.createObjectNode();
      head.put("action", action.responseName());
      head.put("ret_code", RetCode.OK.code());
      byte[] closed = writeWith(mapper, head);
      heads.put(action, Arrays.copyOf(closed, closed.length - 1));
    }
    return heads;
  }

  /**
   * Encodes an error envelope: {@code action}, {@code ret_code}, {@code message}, {@code errors}
   * when any, and {@code request_id} when it has one.
   *
   * @param action the action the failure answers, or null when the request named none
   */
  public byte[] encodeError(Action action, ErrorEnvelope error) {
    ObjectNode body = mapper.createObjectNode();
    body.put("action", action == null ? ERROR_ACTION : action.responseName());
    body.put("ret_code", error.retCode());
    body.put("message", error.message());
    if (!error.errors().isEmpty()) {
      body.set("errors", mapper.valueToTree(error.errors()));
    }
    if (error.requestId() != null) {
      body.put("request_id", error.requestId());
    }
    return write(body);
  }

  /**
   * Decodes a response body, tolerating fields this version does not know.
   *
   * @throws ErrorResponseException the server's error envelope, when {@code ret_code} is not 0
   * @throws MalformedResponseException when the body is not a response envelope
   */
  public ApiResponse decodeResponse(Action action, byte[] body) {
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      throw new MalformedResponseException("the response is not JSON: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject() || !tree.path("ret_code").canConvertToInt()) {
      throw new MalformedResponseException("the response has no integer ret_code", null);
    }
    int code = tree.get("ret_code").intValue();
    if (code != RetCode.OK.code()) {
      throw new ErrorResponseException(errorFrom(tree));
    }
    try {
      return mapper.readerFor(action.responseType())
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(tree);
    } catch (IOException e) {
      throw new MalformedResponseException(
          "the " + action.responseName() + " does not fit its type: " + e.getMessage(), e);
    }
  }

  /** Converts a JSON tree (or a Map) to a typed value, with InvalidRequest errors naming the field. */
  public <T> T convert(Object tree, Class<T> type) {
    try {
      JsonNode node = tree instanceof JsonNode ? (JsonNode) tree : mapper.valueToTree(tree);
      return mapper.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw JsonErrors.toInvalidRequest(e);
    }
  }

  /** Serialises any value with the protocol's configuration. */
  public byte[] write(Object value) {
    return writeWith(mapper, value);
  }

  private static byte[] writeWith(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode readTree(byte[] body) {
    try {
      JsonNode tree = mapper.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw new QsApiException(RetCode.INVALID_REQUEST,
            "the request body is empty; expected a JSON object");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw JsonErrors.toInvalidRequest(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads an error envelope: the ret_code number as sent, the error name and detail of its
   * message (for a number this version does not know, the name the server gave, else
   * {@code UnknownError}), its field errors and request id.
   *
   * @throws MalformedResponseException when the tree has no integer, non-zero ret_code
   */
  public ErrorEnvelope errorFrom(JsonNode tree) {
    if (tree == null || !tree.path("ret_code").canConvertToInt()
        || tree.get("ret_code").intValue() == RetCode.OK.code()) {
      throw new MalformedResponseException("the response has no error ret_code", null);
    }
    int code = tree.get("ret_code").intValue();
    String message = tree.path("message").asText("");
    List<FieldError> errors = new ArrayList<>();
    for (JsonNode error : tree.path("errors")) {
      errors.add(new FieldError(error.path("field").asText(""), error.path("message").asText("")));
    }
    String requestId = tree.hasNonNull("request_id") ? tree.get("request_id").asText() : null;
    String name = RetCode.fromCode(code).map(RetCode::errorName).orElse(null);
    String detail = message;
    if (name != null && message.startsWith(name + ", ")) {
      detail = message.substring(name.length() + 2);
    } else if (name == null) {
      Matcher named = NAMED_MESSAGE.matcher(message);
      name = named.matches() ? named.group(1) : "UnknownError";
      detail = named.matches() ? named.group(2) : message;
    }
    return new ErrorEnvelope(code, name, detail, errors, requestId);
  }

  private static String text(JsonNode tree, String field) {
    JsonNode value = tree.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw QsApiException.invalidField(field, "must be a string");
    }
    return value.textValue();
  }

  private static String kind(JsonNode node) {
    return node.isArray() ? "an array" : "a " + node.getNodeType().name().toLowerCase();
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
