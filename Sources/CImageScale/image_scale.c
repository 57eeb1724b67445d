#include <stdlib.h>
#include <string.h>
#include "image_scale.h"

#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
/* FileStore refuses more than 40 megapixels before anything is decoded; this is a second fence. */
#define STBI_MAX_DIMENSIONS 16384
#define STB_IMAGE_IMPLEMENTATION
#include "stb/stb_image.h"

#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include "stb/stb_image_resize.h"

#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include "stb/stb_image_write.h"

int image_scale_info(const unsigned char *input, int input_length, int *width, int *height) {
    int components = 0;
    return stbi_info_from_memory(input, input_length, width, height, &components);
}

typedef struct {
    unsigned char *bytes;
    int length;
    int capacity;
    int failed;
} growing_buffer;

static void append(void *context, void *data, int size) {
    growing_buffer *buffer = (growing_buffer *)context;
    if (buffer->failed) return;
    if (buffer->length + size > buffer->capacity) {
        int capacity = buffer->capacity * 2 + size;
        unsigned char *grown = realloc(buffer->bytes, (size_t)capacity);
        if (!grown) { buffer->failed = 1; return; }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->length, data, (size_t)size);
    buffer->length += size;
}

int image_scale_jpeg(const unsigned char *input, int input_length, int max_side, int quality,
                     unsigned char **output, int *output_length, int *width, int *height) {
    int w = 0, h = 0, components = 0;
    unsigned char *rgba = stbi_load_from_memory(input, input_length, &w, &h, &components, 4);
    if (!rgba || w <= 0 || h <= 0 || max_side <= 0) { if (rgba) stbi_image_free(rgba); return 0; }

    /* Transparent pixels become white, as a page would show them. */
    size_t pixels = (size_t)w * (size_t)h;
    unsigned char *rgb = malloc(pixels * 3);
    if (!rgb) { stbi_image_free(rgba); return 0; }
    for (size_t i = 0; i < pixels; i++) {
        unsigned int alpha = rgba[i * 4 + 3];
        for (int c = 0; c < 3; c++) {
            rgb[i * 3 + c] = (unsigned char)((rgba[i * 4 + c] * alpha + 255 * (255 - alpha) + 127) / 255);
        }
    }
    stbi_image_free(rgba);

    int longer = w > h ? w : h;
    int ow = w, oh = h;
    unsigned char *scaled = rgb;
    if (longer > max_side) {
        ow = (int)((long long)w * max_side / longer);
        oh = (int)((long long)h * max_side / longer);
        if (ow < 1) ow = 1;
        if (oh < 1) oh = 1;
        scaled = malloc((size_t)ow * (size_t)oh * 3);
        if (!scaled || !stbir_resize_uint8(rgb, w, h, 0, scaled, ow, oh, 0, 3)) {
            free(rgb);
            free(scaled);
            return 0;
        }
        free(rgb);
    }

    growing_buffer buffer = { malloc(65536), 0, 65536, 0 };
    if (!buffer.bytes) { free(scaled); return 0; }
    int written = stbi_write_jpg_to_func(append, &buffer, ow, oh, 3, scaled, quality);
    free(scaled);
    if (!written || buffer.failed) { free(buffer.bytes); return 0; }
    *output = buffer.bytes;
    *output_length = buffer.length;
    *width = ow;
    *height = oh;
    return 1;
}

void image_scale_free(unsigned char *pointer) { free(pointer); }

int image_png_from_rgba(const unsigned char *rgba, int width, int height, unsigned char **output, int *output_length) {
    growing_buffer buffer = { malloc(65536), 0, 65536, 0 };
    if (!buffer.bytes) return 0;
    int written = stbi_write_png_to_func(append, &buffer, width, height, 4, rgba, width * 4);
    if (!written || buffer.failed) { free(buffer.bytes); return 0; }
    *output = buffer.bytes;
    *output_length = buffer.length;
    return 1;
}
