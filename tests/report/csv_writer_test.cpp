// CsvWriter: RFC 4180 records - quoting only where needed, doubled quotes, CRLF, UTF-8 untouched.
#include "propdesk/csv_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace propdesk {
namespace {

std::string csv(const std::vector<std::vector<std::string>>& rows) {
  std::ostringstream out;
  CsvWriter writer(out);
  for (const auto& r : rows) writer.write_row(r);
  return out.str();
}

TEST(CsvWriter, PlainFieldsAreWrittenAsTheyAreWithCrlfAfterEachRecord) {
  EXPECT_EQ(csv({{"code", "state"}, {"BX-20261126-0001", "reported"}}),
            "code,state\r\nBX-20261126-0001,reported\r\n");
}

TEST(CsvWriter, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv({{"a,b", "say \"hi\"", "two\nlines", "cr\rhere", "x"}}),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",x\r\n");
  EXPECT_EQ(CsvWriter::escape("\""), "\"\"\"\"");
}

TEST(CsvWriter, LeadingAndTrailingSpacesAreKeptByQuoting) {
  EXPECT_EQ(CsvWriter::escape(" 3-2-1502"), "\" 3-2-1502\"");
  EXPECT_EQ(CsvWriter::escape("3-2-1502 "), "\"3-2-1502 \"");
  EXPECT_EQ(CsvWriter::escape("3-2 1502"), "3-2 1502");
}

TEST(CsvWriter, Utf8PassesThroughByteForByte) {
  // A full-width comma (，) is no separator: nothing to quote.
  EXPECT_EQ(csv({{"待派单", "厨房水管漏水，请尽快处理", "王**"}}),
            "待派单,厨房水管漏水，请尽快处理,王**\r\n");
  EXPECT_EQ(csv({{"漏水, 急"}}), "\"漏水, 急\"\r\n");
}

TEST(CsvWriter, EmptyFieldsAndRecords) {
  EXPECT_EQ(csv({{"", "x", ""}}), ",x,\r\n");
  EXPECT_EQ(csv({{}}), "\r\n");
}

}  // namespace
}  // namespace propdesk
