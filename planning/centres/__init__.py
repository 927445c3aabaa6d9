"""Alternative centres of attraction: every district and town of the country ranked as a centre.

This room owns the candidates (:mod:`.candidates`: every unit and every town with a
population), the criteria (:mod:`.criteria`: jobs within reach by a Hansen measure, spare
capacity in residents, the rural potential of Order No 50 of 10 June 2025 from a layer the user
loads, and the outflow of the candidate's region), their weights and figures read from the
norms file (:mod:`.settings`), the score, the rank and the sensitivity of the rank to the weights
(:mod:`.score`), the explanation of each candidate in ru/kk/en (:mod:`.explain`), and the whole
ranking from the workspace's frames (:mod:`.rank`). It reads no workspace itself: ``qonys
centres`` (:mod:`planning.cli.commands.centres`) reads the layers and writes the results.
"""
