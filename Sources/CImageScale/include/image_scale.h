#ifndef SIGAP_IMAGE_SCALE_H
#define SIGAP_IMAGE_SCALE_H

/* Smaller JPEG copies of uploaded photos for the pages, with the public-domain stb libraries (see stb/).
   Call only after the image's declared size was checked (FileStore refuses more than 40 megapixels). */

/* Width and height from the header, without decoding. 1 if known, 0 otherwise. */
int image_scale_info(const unsigned char *input, int input_length, int *width, int *height);

/* Decodes a JPEG or PNG, scales it so its longer side is at most max_side (never up), flattens transparency
   onto white and encodes a baseline JPEG at quality (1-100). On success returns 1 and sets *output (free it with
   image_scale_free), its length and the new size; 0 when the input cannot be decoded. */
int image_scale_jpeg(const unsigned char *input, int input_length, int max_side, int quality,
                     unsigned char **output, int *output_length, int *width, int *height);

/* Encodes width × height RGBA pixels as a PNG (the app's icons). 1 on success; free *output with image_scale_free. */
int image_png_from_rgba(const unsigned char *rgba, int width, int height, unsigned char **output, int *output_length);

void image_scale_free(unsigned char *pointer);

#endif
