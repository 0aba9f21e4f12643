// Reading untrusted message bodies: repairs, the depth bound, and envelope shapes.
#include "json_rpc.h"

#include <gtest/gtest.h>

#include <string>

namespace amlls::rpc {
namespace {

using nlohmann::json;

std::string text_of(const std::string& body) {
  Parsed p = parse(body);
  EXPECT_EQ(p.error, 0) << body << ": " << p.message;
  return p.value.is_string() ? p.value.get<std::string>() : std::string("<not a string>");
}

TEST(JsonRpc, LoneSurrogatesBecomeReplacementCharacters) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(text_of(R"("a\ud800b")"), "a" + fffd + "b");
  EXPECT_EQ(text_of(R"("a\uDC00b")"), "a" + fffd + "b");
  EXPECT_EQ(text_of(R"("\ud800")"), fffd);
  EXPECT_EQ(text_of(R"("\ud800\u0041")"), fffd + "A");  // a high one before a non-surrogate
  EXPECT_EQ(text_of(R"("\ud800\ud800\udc00")"), fffd + "\xF0\x90\x80\x80");
  EXPECT_EQ(text_of(R"("\udc00\ud800")"), fffd + fffd);
}

TEST(JsonRpc, ProperPairsAndEscapedBackslashesAreLeftAlone) {
  EXPECT_EQ(text_of(R"("\ud83d\ude80")"), "\xF0\x9F\x9A\x80");
  // A backslash followed by the letters u, d, 8, 0, 0: no escape at all.
  EXPECT_EQ(text_of(R"("\\ud800")"), "\\ud800");
  EXPECT_EQ(text_of(R"("\\\ud800")"), "\\\xEF\xBF\xBD");
  EXPECT_EQ(text_of(R"("\"\ud800")"), "\"\xEF\xBF\xBD");
}

TEST(JsonRpc, BytesThatAreNotUtf8InsideStringsBecomeReplacementCharacters) {
  EXPECT_EQ(text_of("\"caf\xE9!\""), "caf\xEF\xBF\xBD!");
  EXPECT_EQ(text_of("\"\xED\xA0\x80\""), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // CESU-8
  EXPECT_EQ(text_of("\"caf\xC3\xA9\""), "caf\xC3\xA9");
  // Outside a string such bytes are still a parse error.
  EXPECT_EQ(parse("[1,\xE9]").error, -32700);
}

TEST(JsonRpc, NestingIsBoundedBeforeParsing) {
  std::string ok = std::string(kMaxDepth, '[') + std::string(kMaxDepth, ']');
  EXPECT_EQ(parse(ok).error, 0);
  std::string deep = std::string(kMaxDepth + 1, '[') + std::string(kMaxDepth + 1, ']');
  Parsed p = parse(deep);
  EXPECT_EQ(p.error, -32600);
  EXPECT_NE(p.message.find("512"), std::string::npos);
  // Brackets inside strings are text, not nesting.
  std::string in_string = "\"" + std::string(100000, '[') + "\"";
  EXPECT_EQ(parse(in_string).error, 0);
  EXPECT_EQ(parse("{\"a\":\"\\\"[[[\"}").error, 0);
}

TEST(JsonRpc, ClassifiesByShape) {
  auto kind = [](const char* body) { return classify(parse(body).value).kind; };
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1,"method":"x"})"), Kind::Request);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":"a","method":"x","params":[]})"), Kind::Request);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":null,"method":"x"})"), Kind::Request);
  EXPECT_EQ(kind(R"({"id":1,"method":"x"})"), Kind::Request);  // `jsonrpc` tolerated when absent
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","method":"x"})"), Kind::Notification);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":2,"method":"shutdown","params":null})"), Kind::Request);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1,"result":null})"), Kind::Response);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1,"method":1})"), Kind::Invalid);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1.5,"method":"x"})"), Kind::Invalid);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":[1],"method":"x"})"), Kind::Invalid);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1,"method":"x","params":"p"})"), Kind::Invalid);
  EXPECT_EQ(kind(R"({"jsonrpc":"1.0","id":1,"method":"x"})"), Kind::Invalid);
  EXPECT_EQ(kind(R"({"jsonrpc":"2.0","id":1})"), Kind::Invalid);
  EXPECT_EQ(kind("[]"), Kind::Invalid);

  json m = parse(R"({"jsonrpc":"2.0","id":1,"method":1})").value;
  Message bad = classify(m);
  EXPECT_EQ(bad.id, 1);  // a usable id is kept for the error answer
  EXPECT_EQ(bad.problem, "method must be a string");
  json n = parse(R"({"jsonrpc":"2.0","id":{"a":1},"method":"x"})").value;
  EXPECT_TRUE(classify(n).id.is_null());
}

TEST(JsonRpc, IdKeysTellStringsFromIntegers) {
  EXPECT_NE(id_key(json(5)), id_key(json("5")));
  EXPECT_EQ(id_key(json(5)), id_key(json::parse("5")));
  EXPECT_TRUE(usable_id(json("x")));
  EXPECT_FALSE(usable_id(json::array()));
  EXPECT_FALSE(usable_id(json(1.5)));
}

}  // namespace
}  // namespace amlls::rpc
