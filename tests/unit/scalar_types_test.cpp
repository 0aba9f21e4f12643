#include <gtest/gtest.h>

#include "syntax/yaml_tree.h"

using amllint::yaml::resolve_plain;
using amllint::yaml::ScalarType;

TEST(ScalarTypes, FollowPyYamlYaml11) {
  EXPECT_EQ(resolve_plain("").type, ScalarType::Null);
  EXPECT_EQ(resolve_plain("~").type, ScalarType::Null);
  EXPECT_EQ(resolve_plain("Null").type, ScalarType::Null);
  EXPECT_EQ(resolve_plain("nULL").type, ScalarType::String);
  for (const char* t : {"true", "True", "TRUE", "yes", "Yes", "on", "ON"}) {
    EXPECT_EQ(resolve_plain(t).type, ScalarType::Bool) << t;
    EXPECT_TRUE(resolve_plain(t).boolean) << t;
  }
  for (const char* f : {"false", "no", "NO", "off", "Off"}) {
    EXPECT_EQ(resolve_plain(f).type, ScalarType::Bool) << f;
    EXPECT_FALSE(resolve_plain(f).boolean) << f;
  }
  EXPECT_EQ(resolve_plain("tRUE").type, ScalarType::String);
  EXPECT_EQ(resolve_plain("y").type, ScalarType::String);
}

TEST(ScalarTypes, Integers) {
  EXPECT_EQ(resolve_plain("1").integer, 1);
  EXPECT_EQ(resolve_plain("-42").integer, -42);
  EXPECT_EQ(resolve_plain("1_000").integer, 1000);
  EXPECT_EQ(resolve_plain("017").integer, 15);
  EXPECT_EQ(resolve_plain("0x1F").integer, 31);
  EXPECT_EQ(resolve_plain("0b101").integer, 5);
  EXPECT_EQ(resolve_plain("1:30").integer, 90);
  EXPECT_EQ(resolve_plain("0").type, ScalarType::Int);
  EXPECT_EQ(resolve_plain("09").type, ScalarType::String);  // not octal, not decimal
  EXPECT_EQ(resolve_plain("1.2.3").type, ScalarType::String);
}

TEST(ScalarTypes, FloatsNeedADot) {
  EXPECT_EQ(resolve_plain("1.5").type, ScalarType::Float);
  EXPECT_DOUBLE_EQ(resolve_plain("1.5").number, 1.5);
  EXPECT_EQ(resolve_plain("1.").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain(".5").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain("1.0e+3").type, ScalarType::Float);
  EXPECT_DOUBLE_EQ(resolve_plain("1.0e+3").number, 1000.0);
  EXPECT_EQ(resolve_plain("1e5").type, ScalarType::String);
  EXPECT_EQ(resolve_plain("1.0e5").type, ScalarType::String);
  EXPECT_EQ(resolve_plain(".inf").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain("-.Inf").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain(".nan").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain("3.4").type, ScalarType::Float);
  EXPECT_EQ(resolve_plain("v1.0").type, ScalarType::String);
}
