#include "framing.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// Everything `r` yields once `stream` arrived, in order.
std::vector<std::string> bodies(FrameReader& r) {
  std::vector<std::string> out;
  while (auto b = r.next()) out.push_back(std::move(*b));
  return out;
}

const std::string kValid = R"({"jsonrpc":"2.0","id":1,"method":"shutdown"})";

TEST(Framing, AnOverflowingContentLengthIsSkippedAndTheNextFrameRead) {
  FrameReader r;
  r.feed("Content-Length: 18446744073709551576\r\n\r\n{\"jsonrpc\":\"2.0\"}" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  auto e = r.take_error();
  ASSERT_TRUE(e);
  EXPECT_NE(e->find("18446744073709551576"), std::string::npos) << *e;
}

TEST(Framing, ALengthBeyondEveryIntegerIsSkippedToo) {
  FrameReader r;
  r.feed("Content-Length: 99999999999999999999999999\r\n\r\n{}" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, ANegativeLengthIsSkippedAndTheNextFrameRead) {
  FrameReader r;
  r.feed("Content-Length: -5\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, AHeaderWithoutContentLengthDoesNotWedgeTheStream) {
  FrameReader r;
  r.feed("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\"}" + frame(kValid) +
         frame("[2]"));
  EXPECT_EQ(bodies(r), (std::vector<std::string>{kValid, "[2]"}));
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, ATooSmallLengthCostsOnlyItsOwnFrame) {
  FrameReader r;
  r.feed("Content-Length: 2\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}" + frame(kValid));
  // The two bytes are handed out (the server answers a parse error); the rest of that body is
  // skipped up to the next header.
  EXPECT_EQ(bodies(r), (std::vector<std::string>{"{\"", kValid}));
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, ATooLargeLengthIsCaughtAtTheNextHeader) {
  FrameReader r;
  // 500 bytes declared, 30 sent: the next frame's header cannot be part of a JSON body.
  r.feed("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, ALengthThatCutsTheNextHeaderLineInTwoStillFindsThatHeader) {
  // Found by server_fuzz: 25 declared, 7 sent, so the body window ends inside the next header.
  FrameReader r;
  r.feed("Content-Length: 25\r\n\r\n{\"a\":1}\r\n" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, AHeaderTextInsideABodyStringIsNotMistakenForAHeader) {
  FrameReader r;
  std::string body = R"({"text":"Content-Length: 12\r\n\r\nabc","x":"content-length:5"})";
  r.feed(frame(body) + frame(kValid));
  EXPECT_EQ(bodies(r), (std::vector<std::string>{body, kValid}));
  EXPECT_FALSE(r.take_error());
}

TEST(Framing, GarbageBetweenFramesIsSkipped) {
  FrameReader r;
  r.feed(frame("[1]") + "garbage\r\n\r\nmore garbage" + frame(kValid) + "junk" + frame("[3]"));
  EXPECT_EQ(bodies(r), (std::vector<std::string>{"[1]", kValid, "[3]"}));
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, ABadHeaderIsReportedAsSoonAsItsEmptyLineArrives) {
  // A client that waits for the answer to this frame must get its parse error now, not when
  // the next frame comes.
  for (const char* bad : {"Content-Length: nine\r\n\r\n", "Content-Length: -5\r\n\r\n{}",
                          "Content-Type: text/plain\n\n"}) {
    FrameReader r;
    r.feed(bad);
    EXPECT_FALSE(r.next()) << bad;
    EXPECT_TRUE(r.take_error()) << bad;
    r.feed(frame(kValid));
    EXPECT_EQ(bodies(r), std::vector<std::string>{kValid}) << bad;
    EXPECT_FALSE(r.take_error()) << bad;  // reported once, not again for the body after it
  }
}

TEST(Framing, LineBreaksBetweenFramesAreHarmless) {
  FrameReader r;
  r.feed(frame("[1]") + "\r\n" + frame("[2]") + "\n\r\n" + frame("[3]"));
  EXPECT_EQ(bodies(r), (std::vector<std::string>{"[1]", "[2]", "[3]"}));
  EXPECT_FALSE(r.take_error());
}

TEST(Framing, AHeaderLineThatIsNotAHeaderMakesTheFrameBad) {
  FrameReader r;
  r.feed("Content-Length: 3\r\nthis is no header\r\n\r\n[1]" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, AnEndlessHeaderIsSkipped) {
  FrameReader r;
  r.feed("Content-Length: 3\r\nX-Filler: ");
  for (int i = 0; i < 100; ++i) {
    r.feed(std::string(1000, 'a'));
    EXPECT_FALSE(r.next());
  }
  r.feed("\r\n\r\n[1]" + frame(kValid));
  EXPECT_EQ(bodies(r), std::vector<std::string>{kValid});
  EXPECT_TRUE(r.take_error());
}

TEST(Framing, FeedingByteByByteYieldsTheSameBodies) {
  std::string stream = "Content-Length: 18446744073709551576\r\n\r\n{}" + frame("[1]") +
                       "Content-Length: -1\r\n\r\n[]" + frame("[2]") +
                       "Content-Length: 2\r\n\r\n{\"a\":1}" + frame("[3]") +
                       "Content-Length: 400\r\n\r\n{\"a\":1}" + frame("[4]") +
                       "Content-Type: x\r\n\r\n{}" + frame("[5]") + "junk" + frame("[6]");
  FrameReader whole;
  whole.feed(stream);
  std::vector<std::string> expected = bodies(whole);
  EXPECT_EQ(expected, (std::vector<std::string>{"[1]", "[2]", "{\"", "[3]", "[4]", "[5]", "[6]"}));
  FrameReader bytes;
  std::vector<std::string> got;
  for (char c : stream) {
    bytes.feed(std::string_view(&c, 1));
    while (auto b = bytes.next()) got.push_back(std::move(*b));
  }
  EXPECT_EQ(got, expected);
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
