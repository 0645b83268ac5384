public enum FactCheckVersion {
    public static let current = "0.1.0"
}
