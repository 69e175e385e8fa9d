module clusapisim.example/cluster

go 1.19
