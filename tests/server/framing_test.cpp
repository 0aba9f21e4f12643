#include "framing.h"

#include <gtest/gtest.h>

#include "file_uri.h"

namespace amlls {
namespace {

TEST(Framing, SplitsMessagesArrivingInPieces) {
  FrameReader r;
  std::string stream = frame("{\"a\":1}") + frame("{\"b\":22}");
  for (char c : stream.substr(0, 10)) r.feed(std::string_view(&c, 1));
  EXPECT_FALSE(r.next());
  r.feed(stream.substr(10));
  EXPECT_EQ(r.next(), "{\"a\":1}");
  EXPECT_EQ(r.next(), "{\"b\":22}");
  EXPECT_FALSE(r.next());
}

TEST(Framing, AcceptsOtherHeadersAndAnyCase) {
  FrameReader r;
  r.feed("content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}");
  EXPECT_EQ(r.next(), "{}");
}

TEST(Framing, SkipsAHeaderWithoutLengthAndRecovers) {
  FrameReader r;
  r.feed("Content-Length: abc\r\n\r\n" + frame("[]"));
  EXPECT_EQ(r.next(), "[]");
  EXPECT_TRUE(r.take_error());
  EXPECT_FALSE(r.take_error());
}

TEST(Framing, CountsBytesNotCharacters) {
  FrameReader r;
  r.feed(frame("\"\xc3\xa9\""));
  EXPECT_EQ(r.next(), "\"\xc3\xa9\"");
}

TEST(FileUri, RoundTripsPathsWithSpacesAndUnicode) {
  std::string path = "/tmp/my jobs/caf\xc3\xa9#1.yml";
  std::string uri = path_to_uri(path);
  EXPECT_EQ(uri, "file:///tmp/my%20jobs/caf%C3%A9%231.yml");
  EXPECT_EQ(uri_to_path(uri), path);
  EXPECT_EQ(uri_to_path("untitled:Untitled-1"), "");
  EXPECT_EQ(uri_to_path("file://localhost/a/b.yml"), "/a/b.yml");
}

}  // namespace
}  // namespace amlls
