import { InvalidArgumentError, type Option } from 'commander'

/**
 * Gives `option` a fixed set of values accepted in any case (`--validation dns`,
 * `--reason superseded`) and handed to the command in their own spelling (AWS's `DNS`,
 * `SUPERSEDED`), so what is printed back is what AWS shows. `--help` lists them as `.choices()` does.
 */
export function anyCase(option: Option, values: readonly string[]): Option {
  option.choices(values)
  return option.argParser((text: string) => {
    const found = values.find((value) => value.toLowerCase() === text.toLowerCase())
    if (found === undefined) {
      throw new InvalidArgumentError(`Allowed choices are ${values.join(', ')} (in any case).`)
    }
    return found
  })
}
