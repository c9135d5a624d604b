#include "common/index/stored_text.h"

#include <zstd.h>

#include <algorithm>

#include "common/index/schema.h"
#include "common/text/utf8.h"

namespace quarry {

namespace {

// Level 3 (zstd's default): about zlib's ratio on text, at several times
// its speed both ways. Encoding runs in the indexer's worker threads.
constexpr int kLevel = 3;

// A text up to this many times the bytes asked for is decoded whole and
// cut: streaming has a set-up cost of its own (its window buffers).
constexpr unsigned long long kWholeUpTo = 4;

// Each kBlockBytes of text end a zstd block (a flush), so decoding the
// start of a long text decodes little more than that start: with zstd's
// own 128 KiB blocks, showing a passage of a 113 KiB text decoded all of
// it. Costs about 0.7% more data.
constexpr size_t kBlockBytes = 16 << 10;

// One zstd context of each kind per thread, kept for the life of the
// thread: creating one allocates and sets up about 100 KB (more to encode),
// for every text otherwise. nullptr when zstd cannot allocate it.
template <typename Context, Context* (*kCreate)(), size_t (*kFree)(Context*)>
Context* PerThread() {
  struct Holder {
    Context* context = kCreate();
    ~Holder() { kFree(context); }
  };
  thread_local Holder holder;
  return holder.context;
}

ZSTD_DCtx* Decoder() { return PerThread<ZSTD_DCtx, ZSTD_createDCtx, ZSTD_freeDCtx>(); }
ZSTD_CCtx* Encoder() { return PerThread<ZSTD_CCtx, ZSTD_createCCtx, ZSTD_freeCCtx>(); }

bool IsZstdFrame(std::string_view data) {
  return data.size() >= 4 && static_cast<unsigned char>(data[0]) == 0x28 &&
         static_cast<unsigned char>(data[1]) == 0xB5 && static_cast<unsigned char>(data[2]) == 0x2F &&
         static_cast<unsigned char>(data[3]) == 0xFD;
}

constexpr std::string_view kFileTextMarker("\0\1", 2);
constexpr std::string_view kFieldsMarker("\0\2", 2);
// The fields, followed by the document's declared fields.
constexpr std::string_view kDeclaredFieldsMarker("\0\3", 2);
constexpr std::string_view kDateName = "date";

void AppendLength(std::string& out, uint64_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

void AppendCounted(std::string& out, std::string_view bytes) {
  AppendLength(out, bytes.size());
  out += bytes;
}

// Reads a length (LEB128) at the front of `in` into `n` and drops it from
// `in`; false when `in` is too short.
bool TakeLength(std::string_view& in, uint64_t& n) {
  n = 0;
  for (int shift = 0;; shift += 7) {
    if (in.empty() || shift > 63) return false;
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) return true;
  }
}

// Reads a counted string at the front of `in` into `out` and drops it from
// `in`; false when `in` is too short.
bool TakeCounted(std::string_view& in, std::string& out) {
  uint64_t n = 0;
  if (!TakeLength(in, n) || n > in.size()) return false;
  out.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

// The declared fields of a document as a count and name/value pairs.
void AppendDeclared(std::string& out, const DocumentFields& declared) {
  std::string pairs;
  uint64_t count = 0;
  for (const TextField& field : kTextFields) {
    const std::string& value = declared.*field.value;
    if (value.empty()) continue;
    AppendCounted(pairs, field.name);
    AppendCounted(pairs, value);
    ++count;
  }
  if (declared.date) {
    AppendCounted(pairs, kDateName);
    AppendCounted(pairs, schema::EncodeTime(schema::SecondsToNs(*declared.date)));
    ++count;
  }
  AppendLength(out, count);
  out += pairs;
}

// Reads what AppendDeclared wrote at the front of `in` and drops it; false
// when `in` is too short. Names this build does not know are skipped.
bool TakeDeclared(std::string_view& in, DocumentFields& declared) {
  uint64_t count = 0;
  if (!TakeLength(in, count)) return false;
  std::string name, value;
  for (uint64_t i = 0; i < count; ++i) {
    if (!TakeCounted(in, name) || !TakeCounted(in, value)) return false;
    if (name == kDateName) {
      if (value.size() != 8) return false;
      declared.date = schema::DecodeTime(value) / 1000000000LL;
    } else if (const TextField* field = TextFieldNamed(name)) {
      declared.*field->value = std::move(value);
    }
  }
  return true;
}

}  // namespace

std::string DocumentData(const ShownFields& fields, std::string_view text_data) {
  const bool declares = !IsEmpty(fields.declared);
  std::string data(declares ? kDeclaredFieldsMarker : kFieldsMarker);
  data.reserve(kFieldsMarker.size() + fields.path.size() + fields.title.size() +
               fields.record_id.size() + 3 * 2 + 16 + text_data.size());
  AppendCounted(data, fields.path);
  AppendCounted(data, fields.title);
  AppendCounted(data, fields.record_id);
  data += schema::EncodeTime(fields.mtime_ns);
  data += schema::EncodeUint64(fields.size);
  if (declares) AppendDeclared(data, fields.declared);
  data += text_data;
  return data;
}

StatusOr<SplitData> SplitDocumentData(std::string_view data) {
  SplitData split;
  const bool declares = data.starts_with(kDeclaredFieldsMarker);
  if (!declares && !data.starts_with(kFieldsMarker)) {
    split.text_data = data;
    return split;
  }
  const Status damaged = DataLossError("a document's data is damaged");
  std::string_view in = data.substr(kFieldsMarker.size());
  ShownFields& fields = split.fields.emplace();
  if (!TakeCounted(in, fields.path) || !TakeCounted(in, fields.title) ||
      !TakeCounted(in, fields.record_id) || in.size() < 16) {
    return damaged;
  }
  fields.mtime_ns = schema::DecodeTime(in.substr(0, 8));
  fields.size = schema::DecodeUint64(in.substr(8, 8));
  in.remove_prefix(16);
  if (declares && !TakeDeclared(in, fields.declared)) return damaged;
  split.text_data = in;
  return split;
}

std::string FileTextData(FileText how) {
  std::string data(kFileTextMarker);
  data += static_cast<char>(how);
  return data;
}

std::optional<FileText> FileTextOf(std::string_view data) {
  if (data.size() != kFileTextMarker.size() + 1 || !data.starts_with(kFileTextMarker)) return std::nullopt;
  switch (data.back()) {
    case static_cast<char>(FileText::kAsIs):
      return FileText::kAsIs;
    case static_cast<char>(FileText::kRst):
      return FileText::kRst;
    default:
      return std::nullopt;
  }
}

std::string EncodeStoredText(std::string_view text) {
  if (text.empty()) return std::string();
  ZSTD_CCtx* context = Encoder();
  if (context == nullptr) return std::string(text);  // plain text is valid data too
  ZSTD_CCtx_reset(context, ZSTD_reset_session_only);
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, kLevel);
  // The size goes into the frame header, where DecodeStoredText checks it.
  ZSTD_CCtx_setPledgedSrcSize(context, text.size());
  // The number of blocks grows by one per flush: a few bytes each.
  std::string data(ZSTD_compressBound(text.size()) + (text.size() / kBlockBytes + 1) * 8, '\0');
  ZSTD_outBuffer out{data.data(), data.size(), 0};
  for (size_t begin = 0; begin < text.size(); begin += kBlockBytes) {
    const size_t end = std::min(text.size(), begin + kBlockBytes);
    ZSTD_inBuffer in{text.data() + begin, end - begin, 0};
    const ZSTD_EndDirective directive = end == text.size() ? ZSTD_e_end : ZSTD_e_flush;
    size_t remaining;
    do {
      remaining = ZSTD_compressStream2(context, &out, &in, directive);
      if (ZSTD_isError(remaining) || (remaining > 0 && out.pos == out.size)) return std::string(text);
    } while (remaining > 0);
  }
  data.resize(out.pos);
  return data;
}

StatusOr<std::string> DecodeStoredText(std::string_view data, size_t max_bytes) {
  if (!IsZstdFrame(data)) return std::string(TruncateUtf8(data, max_bytes));
  const Status damaged = DataLossError("a document's stored text is damaged");
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  // The indexer caps texts; a larger claimed size means damage.
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
      size > schema::kMaxStoredTextBytes) {
    return damaged;
  }
  ZSTD_DCtx* context = Decoder();
  if (context == nullptr) return damaged;
  // (The first test also keeps the product below from overflowing.)
  if (size <= max_bytes || size <= kWholeUpTo * max_bytes) {
    // The whole text in one go: cheaper than streaming unless most of it
    // would be left undecoded.
    std::string text(static_cast<size_t>(size), '\0');
    size_t got = ZSTD_decompressDCtx(context, text.data(), text.size(), data.data(), data.size());
    if (ZSTD_isError(got) || got != text.size()) return damaged;
    if (text.size() > max_bytes) text.resize(TruncateUtf8(text, max_bytes).size());
    return text;
  }
  // Only the start: stream until the output is full.
  ZSTD_DCtx_reset(context, ZSTD_reset_session_only);
  // A few bytes more than asked, to see whether the last character is whole.
  std::string text(max_bytes + 4, '\0');
  ZSTD_inBuffer in{data.data(), data.size(), 0};
  ZSTD_outBuffer out{text.data(), text.size(), 0};
  while (out.pos < out.size) {
    size_t status = ZSTD_decompressStream(context, &out, &in);
    if (ZSTD_isError(status)) return damaged;
    if (status == 0 || (in.pos == in.size && out.pos < out.size)) break;  // frame or input ended
  }
  text.resize(out.pos);
  text.resize(TruncateUtf8(text, max_bytes).size());
  return text;
}

}  // namespace quarry
