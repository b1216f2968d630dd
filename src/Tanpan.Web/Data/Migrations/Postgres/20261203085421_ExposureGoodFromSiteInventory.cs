using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExposureGoodFromSiteInventory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "SiteProductionTonnes",
                table: "ExposureGoods",
                type: "numeric(28,12)",
                precision: 28,
                scale: 12,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SiteYear",
                table: "ExposureGoods",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SiteProductionTonnes",
                table: "ExposureGoods");

            migrationBuilder.DropColumn(
                name: "SiteYear",
                table: "ExposureGoods");
        }
    }
}
