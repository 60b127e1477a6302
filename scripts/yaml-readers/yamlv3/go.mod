module github.com/big-data-stack/yaml-readers/yamlv3

go 1.22

require gopkg.in/yaml.v3 v3.0.1
