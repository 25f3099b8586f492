#include <gtest/gtest.h>

#include <sstream>

#include "reports/csv.h"
#include "reports/format.h"
#include "reports/table.h"

using namespace hsim::reports;

TEST(Format, SiCount) {
  EXPECT_EQ(si_count(999), "999");
  EXPECT_EQ(si_count(4'089'184'256), "4.09 G");
  EXPECT_EQ(si_count(25'557'032), "25.56 M");
}

TEST(Format, BinaryBytesAndGrouping) {
  EXPECT_EQ(binary_bytes(1023), "1023 B");
  EXPECT_EQ(binary_bytes(3 * 1024 * 1024 / 2), "1.5 MiB");
  EXPECT_EQ(grouped(25'557'032), "25,557,032");
  EXPECT_EQ(grouped(-1000), "-1,000");
  EXPECT_EQ(shape_text({1, 3, 224, 224}), "1x3x224x224");
  EXPECT_EQ(shape_text({}), "scalar");
}

TEST(Csv, QuotesFieldsThatNeedIt) {
  std::ostringstream out;
  write_csv_row(out, {"plain", "a,b", "say \"hi\"", "line\nbreak"});
  EXPECT_EQ(out.str(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"line\nbreak\"\n");
}

TEST(Table, AlignsColumns) {
  Table t;
  t.add_column("name");
  t.add_column("n", Table::Align::kRight);
  t.add_row({"conv", "7"});
  t.add_row({"x", "1234"});
  std::ostringstream out;
  t.render(out);
  EXPECT_EQ(out.str(), "name     n\n----  ----\nconv     7\nx     1234\n");
}
