/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Thin wrappers around the /dev/liveupdate and session ioctls of
 * <linux/liveupdate.h>. Each returns a new fd or 0 on success, -errno on
 * failure, so callers can report the exact error.
 */
#ifndef LUO_STRESS_LUO_DEV_H
#define LUO_STRESS_LUO_DEV_H

#include <stdint.h>
#include <linux/liveupdate.h>

#define LUO_DEVICE "/dev/liveupdate"

int luo_open(void);
int luo_create_session(int luo_fd, const char *name);
int luo_retrieve_session(int luo_fd, const char *name);
int luo_preserve_fd(int session_fd, int fd, uint64_t token);
int luo_retrieve_fd(int session_fd, uint64_t token);
int luo_session_finish(int session_fd);

#endif
