# shellcheck shell=bash disable=SC2154 # the variables sweep.sh sets
# The LAVA half of scripts/sweep.sh (LAVA=1), sourced by it once the points
# are known (dir, sweep, workload, var, fixed, total, ids, point_board,
# point_value), which counts and collects them when this returns: every
# point becomes a job (lava-jobs/lab-job.sh: artifacts served
# over HTTP, the board's device tag), all are submitted at once so the
# lab's scheduler spreads them over its devices, then they are waited for
# (point i/N, state, elapsed, ETA) and each is fetched into
# <dir>/<board>-<var>-<value>/ as it finishes (lava-jobs/lava-fetch.sh), the
# layout `make report` reads. Resumable: a point with result.txt is done;
# one with job.id is never submitted again, only waited for; a job that
# LAVA cancelled, that died of an infrastructure error or that was lost
# with its worker (Incomplete without any result from its dispatcher) is
# submitted again. IDENTITY picks the lab (default: make lava-lab's).

# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"
say "LAVA sweep $sweep: $total jobs on $(lab_url) (lavacli -i $(lab_identity))"
lab_client check || exit 1

# submit POINT-INDEX: write and submit the point's job, record its id
submit() {
	local i=$1 id=${ids[$1]} job
	rm -rf "${dir:?}/$id"
	mkdir -p "$dir/$id"
	"$top/lava-jobs/lab-job.sh" "${point_board[$i]}" "$sweep" "$dir/$id/job.yaml" "$workload" \
		--"$var" "${point_value[$i]}" "${opts[@]}" >/dev/null ||
		die "point $((i + 1))/$total $id: writing its job failed"
	job=$(job_submit "$dir/$id/job.yaml") || exit 1
	echo "$job" > "$dir/$id/job.id"
	say "point $((i + 1))/$total $id: submitted as job $job"
}

opts=("${fixed[@]}")
for ((i = 0; i < total; i++)); do
	id=${ids[$i]}
	if [ -f "$dir/$id/result.txt" ]; then
		say "point $((i + 1))/$total $id: done before ($(cat "$dir/$id/result.txt")), skipped"
	elif [ -s "$dir/$id/job.id" ]; then
		say "point $((i + 1))/$total $id: job $(cat "$dir/$id/job.id") submitted before, waiting for it"
	else
		submit "$i"
	fi
done

start=$(date +%s)
fetched=0
declare -A seen
while :; do
	pending=0 running=0 queued=0 line=""
	now=$(date +%s)
	# one look at every job not fetched yet, in one round
	jobs=()
	for ((i = 0; i < total; i++)); do
		[ -f "$dir/${ids[$i]}/result.txt" ] || jobs+=("$(cat "$dir/${ids[$i]}/job.id")")
	done
	[ "${#jobs[@]}" = 0 ] || job_poll "${jobs[@]}" || exit 1
	for ((i = 0; i < total; i++)); do
		id=${ids[$i]}
		[ -f "$dir/$id/result.txt" ] && continue
		pending=$((pending + 1))
		job=$(cat "$dir/$id/job.id")
		state=${JOB_STATE[$job]}
		health=${JOB_HEALTH[$job]}
		device=${JOB_DEVICE[$job]}
		lost=${JOB_LOST[$job]}
		if [ "$state" = Finished ]; then
			# JOB_ERROR and JOB_LOST: set only when the job did not complete
			err=${JOB_ERROR[$job]}
			if [ "$health" = Canceled ] || [[ "$err" == Infrastructure* ]] || [ -n "$lost" ]; then
				[ -z "$lost" ] || err="lost with its worker, no result"
				say "point $((i + 1))/$total $id: job $job $health ($err): submitting it again"
				echo "$job $health $err" >> "$dir/$id.resubmitted"
				submit "$i"
				continue
			fi
			"$top/lava-jobs/lava-fetch.sh" "$job" "$dir/$id" || exit 1
			[ -z "$err" ] || echo "LAVA: job $job $health: $err" >> "$dir/$id/result.txt"
			pending=$((pending - 1))
			fetched=$((fetched + 1))
			continue
		fi
		case "$state" in
		Running) running=$((running + 1)) ;;
		*) queued=$((queued + 1)) ;;
		esac
		[ -z "${JOB_NODEV[$job]}" ] || die "point $((i + 1))/$total $id: job $job is queued but ${JOB_NODEV[$job]}"
		if [ "${seen[$id]:-}" != "$state$device" ]; then
			seen[$id]="$state$device"
			line="$line point $((i + 1))/$total $id: job $job $state${device:+ on $device};"
		fi
	done
	[ "$pending" = 0 ] && break
	el=$((now - start))
	eta="?"
	[ "$fetched" -gt 0 ] && eta="$((el * pending / fetched))s"
	if line_due "$now" "$line"; then
		say "${line# }${line:+ }$((total - pending))/$total done, $running running, $queued queued; elapsed ${el}s, ETA $eta"
	fi
	sleep "$LAB_POLL"
done
