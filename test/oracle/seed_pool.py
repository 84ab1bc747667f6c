# The seed's Pool (seed 000) as published, with its I/O replaced by recording:
# reads a list of {"trace": [[time, id, score], ...], "ticks": K, "legacy": bool} on stdin,
# prints one list of rooms [[tick, [uuid, uuid, uuid]], ...] per case. Only room size 3
# and G = 50, as in the seed.
# With arguments, `seed_pool.py TRACE.csv DRAIN`: replays a trace file (time,id,score) for
# npm run bench, ticking until DRAIN seconds after the last arrival, and prints the number of rooms.
import csv
import json
import math
import sys


class Player:
    def __init__(self, score, uuid):
        self.score = score
        self.uuid = uuid
        self.waiting_time = 0


class Pool:
    def __init__(self, legacy, rooms):
        self.players = []
        self.legacy = legacy
        self.rooms = rooms
        self.tick = 0

    def add_player(self, player):
        self.players.append(player)

    def check_match(self, a, b):
        dt = abs(a.score - b.score)
        a_max_dif = a.waiting_time * 50
        b_max_dif = b.waiting_time * 50
        return dt <= a_max_dif and dt <= b_max_dif

    def match_success(self, ps):
        self.rooms.append([self.tick, [p.uuid for p in ps]])

    def increase_waiting_time(self):
        for player in self.players:
            player.waiting_time += 1

    def match(self):
        while len(self.players) >= 3:
            if self.legacy:
                self.player = sorted(self.players, key=lambda p: p.score)
            else:
                self.players = sorted(self.players, key=lambda p: p.score)
            flag = False
            for i in range(len(self.players) - 2):
                a, b, c = self.players[i], self.players[i + 1], self.players[i + 2]
                if self.check_match(a, b) and self.check_match(a, c) and self.check_match(b, c):
                    self.match_success([a, b, c])
                    self.players = self.players[:i] + self.players[i + 3:]
                    flag = True
                    break
            if not flag:
                break

        self.increase_waiting_time()


def run(spec):
    rooms = []
    pool = Pool(spec["legacy"], rooms)
    trace = spec["trace"]
    nxt = 0
    for k in range(spec["ticks"]):
        pool.tick = k
        while nxt < len(trace) and trace[nxt][0] <= k:
            _, uuid, score = trace[nxt]
            pool.add_player(Player(score, uuid))
            nxt += 1
        pool.match()
    return rooms


if len(sys.argv) > 1:
    with open(sys.argv[1], newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        at = [header.index(c) for c in ("time", "id", "score")]
        trace = [[float(r[at[0]]), r[at[1]], int(r[at[2]])] for r in rows if r]
    ticks = math.ceil(trace[-1][0]) + int(sys.argv[2]) + 1
    print(len(run({"trace": trace, "ticks": ticks, "legacy": False})))
else:
    json.dump([run(spec) for spec in json.load(sys.stdin)], sys.stdout)
