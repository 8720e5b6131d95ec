/*
 * The DRM uapi structs and ioctl numbers PrimeProps uses (include/uapi/drm/drm.h and
 * drm_mode.h), declared here so programs need no libdrm headers, and one wrapper per call
 * returning the result or -errno. Shared by kernel-lane/executor.c and, embedded as a
 * resource, by every C repro the framework writes (so both speak the same ioctls).
 */
#include <errno.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct drm_gem_close { uint32_t handle; uint32_t pad; };
struct drm_gem_flink { uint32_t handle; uint32_t name; };
struct drm_gem_open { uint32_t name; uint32_t handle; uint64_t size; };
struct drm_prime_handle { uint32_t handle; uint32_t flags; int32_t fd; };
struct drm_mode_create_dumb { uint32_t height, width, bpp, flags, handle, pitch; uint64_t size; };
struct drm_gem_change_handle { uint32_t handle; uint32_t new_handle; }; /* Linux 6.18+ */
#define DRM_IOCTL_GEM_CLOSE _IOW('d', 0x09, struct drm_gem_close)
#define DRM_IOCTL_GEM_FLINK _IOWR('d', 0x0a, struct drm_gem_flink)
#define DRM_IOCTL_GEM_OPEN _IOWR('d', 0x0b, struct drm_gem_open)
#define DRM_IOCTL_PRIME_HANDLE_TO_FD _IOWR('d', 0x2d, struct drm_prime_handle)
#define DRM_IOCTL_PRIME_FD_TO_HANDLE _IOWR('d', 0x2e, struct drm_prime_handle)
#define DRM_IOCTL_MODE_CREATE_DUMB _IOWR('d', 0xb2, struct drm_mode_create_dumb)
#define DRM_IOCTL_GEM_CHANGE_HANDLE _IOWR('d', 0xd2, struct drm_gem_change_handle)

static long ret_or_errno(long ret) { return ret < 0 ? -errno : ret; }

static inline long sys_close(long fd) { return ret_or_errno(close((int)fd)); }
static inline long sys_dup(long fd) { return ret_or_errno(dup((int)fd)); }

static inline long create_dumb(long fd, uint32_t width, uint32_t height, uint32_t bpp)
{
	struct drm_mode_create_dumb arg = { .height = height, .width = width, .bpp = bpp };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_MODE_CREATE_DUMB, &arg));
	return ret < 0 ? ret : arg.handle;
}

static inline long gem_close(long fd, long handle)
{
	struct drm_gem_close arg = { .handle = (uint32_t)handle };
	return ret_or_errno(ioctl((int)fd, DRM_IOCTL_GEM_CLOSE, &arg));
}

static inline long handle_to_fd(long fd, long handle, uint32_t flags)
{
	struct drm_prime_handle arg = { .handle = (uint32_t)handle, .flags = flags, .fd = -1 };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_PRIME_HANDLE_TO_FD, &arg));
	return ret < 0 ? ret : arg.fd;
}

static inline long fd_to_handle(long fd, long prime_fd)
{
	struct drm_prime_handle arg = { .fd = (int32_t)prime_fd };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_PRIME_FD_TO_HANDLE, &arg));
	return ret < 0 ? ret : arg.handle;
}

static inline long gem_flink(long fd, long handle)
{
	struct drm_gem_flink arg = { .handle = (uint32_t)handle };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_GEM_FLINK, &arg));
	return ret < 0 ? ret : arg.name;
}

static inline long gem_open(long fd, long name)
{
	struct drm_gem_open arg = { .name = (uint32_t)name };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_GEM_OPEN, &arg));
	return ret < 0 ? ret : arg.handle;
}

/* The new handle on success, as the model's gem_change_handle returns it (the ioctl itself
 * returns 0, or new_handle when the object has no dma-buf; new_handle is the caller's). A
 * kernel before 6.18 answers EINVAL (no such entry in its drm_ioctls[]). */
static inline long gem_change_handle(long fd, long handle, long new_handle)
{
	struct drm_gem_change_handle arg = { .handle = (uint32_t)handle, .new_handle = (uint32_t)new_handle };
	long ret = ret_or_errno(ioctl((int)fd, DRM_IOCTL_GEM_CHANGE_HANDLE, &arg));
	return ret < 0 ? ret : arg.new_handle;
}
