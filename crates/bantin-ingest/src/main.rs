fn main() {
    std::process::exit(bantin_ingest::cli::main(std::env::args_os().skip(1).collect()));
}
